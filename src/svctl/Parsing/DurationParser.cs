using System.Globalization;

namespace ShortVideo.Cli.Parsing;

/// <summary>Durations on the command line: a positive whole number and a unit, "90s", "30m", "24h", "7d".</summary>
internal static class DurationParser
{
    public const string Formats = "a whole number followed by s, m, h or d (90s, 30m, 24h, 7d)";

    /// <summary>Parses <paramref name="text"/>; on failure <paramref name="error"/> is a sentence naming the value and the formats.</summary>
    /// <remarks><paramref name="allowZero"/> accepts "0s" (and "0m"...) where zero means "now", as an overlap that ends at once.</remarks>
    public static bool TryParse(string? text, TimeSpan maximum, out TimeSpan duration, out string? error, bool allowZero = false)
    {
        duration = default;
        var trimmed = text?.Trim() ?? string.Empty;
        var digits = trimmed.Length < 2 ? ReadOnlySpan<char>.Empty : trimmed.AsSpan(0, trimmed.Length - 1);
        if (digits.IsEmpty || digits.ContainsAnyExceptInRange('0', '9') || UnitTicks(trimmed[^1]) is not { } unit)
        {
            error = $"'{text}' is not a duration: use {Formats}.";
            return false;
        }

        var fits = long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var amount);
        if (fits && amount == 0 && !allowZero)
        {
            error = $"'{text}' is not a positive duration.";
            return false;
        }

        if (!fits || amount > maximum.Ticks / unit)
        {
            error = $"'{text}' is longer than the maximum of {Format(maximum)}.";
            return false;
        }

        duration = TimeSpan.FromTicks(amount * unit);
        error = null;
        return true;
    }

    /// <summary>The largest unit that divides <paramref name="duration"/> exactly: 7d, 36h, 90s.</summary>
    public static string Format(TimeSpan duration) => duration switch
    {
        _ when duration.Ticks % TimeSpan.TicksPerDay == 0 => string.Create(CultureInfo.InvariantCulture, $"{duration.Ticks / TimeSpan.TicksPerDay}d"),
        _ when duration.Ticks % TimeSpan.TicksPerHour == 0 => string.Create(CultureInfo.InvariantCulture, $"{duration.Ticks / TimeSpan.TicksPerHour}h"),
        _ when duration.Ticks % TimeSpan.TicksPerMinute == 0 => string.Create(CultureInfo.InvariantCulture, $"{duration.Ticks / TimeSpan.TicksPerMinute}m"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{duration.Ticks / TimeSpan.TicksPerSecond}s"),
    };

    private static long? UnitTicks(char unit) => char.ToLowerInvariant(unit) switch
    {
        's' => TimeSpan.TicksPerSecond,
        'm' => TimeSpan.TicksPerMinute,
        'h' => TimeSpan.TicksPerHour,
        'd' => TimeSpan.TicksPerDay,
        _ => null,
    };
}
