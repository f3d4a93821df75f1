using System.Globalization;

namespace ShortVideo.Cli.Upload;

/// <summary>Parses and formats sizes like <c>5MiB</c>, <c>512KiB</c>, <c>1GiB</c> or a plain byte count.</summary>
internal static class ByteSize
{
    public const long KiB = 1024;
    public const long MiB = 1024 * KiB;
    public const long GiB = 1024 * MiB;

    /// <summary>
    /// Largest chunk a client sends in one PATCH: the chunk is held in one pooled array, and arrays
    /// stop at 2 GiB; 1 GiB also keeps a retried chunk's cost bounded.
    /// </summary>
    public const long MaxChunkSize = GiB;

    /// <summary>Parses a whole number of bytes with an optional binary unit (B, KiB, MiB, GiB; case-insensitive).</summary>
    public static bool TryParse(string? text, out long bytes)
    {
        bytes = 0;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var span = text.AsSpan().Trim();
        var digits = 0;
        while (digits < span.Length && char.IsAsciiDigit(span[digits]))
        {
            digits++;
        }

        if (digits == 0
            || !long.TryParse(span[..digits], NumberStyles.None, CultureInfo.InvariantCulture, out var count))
        {
            return false;
        }

        var unit = span[digits..].TrimStart();
        long multiplier;
        if (unit.IsEmpty || unit.Equals("B", StringComparison.OrdinalIgnoreCase))
        {
            multiplier = 1;
        }
        else if (unit.Equals("KiB", StringComparison.OrdinalIgnoreCase))
        {
            multiplier = KiB;
        }
        else if (unit.Equals("MiB", StringComparison.OrdinalIgnoreCase))
        {
            multiplier = MiB;
        }
        else if (unit.Equals("GiB", StringComparison.OrdinalIgnoreCase))
        {
            multiplier = GiB;
        }
        else
        {
            return false;
        }

        if (count > long.MaxValue / multiplier)
        {
            return false;
        }

        bytes = count * multiplier;
        return true;
    }

    /// <summary>Parses a chunk size and checks it lies in 1 byte .. 1 GiB; <paramref name="error"/> is one readable sentence.</summary>
    public static bool TryParseChunkSize(string? text, out int bytes, out string error)
    {
        bytes = 0;
        if (!TryParse(text, out var value))
        {
            error = $"invalid chunk size '{text}': use a byte count or a size like 512KiB, 5MiB, 1GiB";
            return false;
        }

        if (value <= 0 || value > MaxChunkSize)
        {
            error = $"invalid chunk size '{text}': it must be between 1 byte and 1GiB";
            return false;
        }

        bytes = (int)value;
        error = string.Empty;
        return true;
    }

    /// <summary>Formats bytes with the largest binary unit that keeps the number at or above 1 (one decimal).</summary>
    public static string Format(long bytes) => bytes switch
    {
        >= GiB => string.Create(CultureInfo.InvariantCulture, $"{bytes / (double)GiB:0.0} GiB"),
        >= MiB => string.Create(CultureInfo.InvariantCulture, $"{bytes / (double)MiB:0.0} MiB"),
        >= KiB => string.Create(CultureInfo.InvariantCulture, $"{bytes / (double)KiB:0.0} KiB"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{bytes} B"),
    };
}
