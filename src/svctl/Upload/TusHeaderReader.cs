using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;

namespace ShortVideo.Cli.Upload;

/// <summary>Reads tus response headers and computes chunk checksums (the names are in <see cref="ShortVideo.Uploads.TusHeaders"/>).</summary>
internal static class TusHeaderReader
{
    /// <summary>Reads a non-negative integer header without allocating an enumerable.</summary>
    public static long? ReadLong(HttpResponseHeaders headers, string name)
    {
        if (!headers.NonValidated.TryGetValues(name, out var values) || values.Count == 0)
        {
            return null;
        }

        foreach (var value in values)
        {
            if (long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
            {
                return number;
            }
        }

        return null;
    }

    public static string? ReadString(HttpResponseHeaders headers, string name)
    {
        if (!headers.NonValidated.TryGetValues(name, out var values))
        {
            return null;
        }

        foreach (var value in values)
        {
            if (!string.IsNullOrWhiteSpace(value))
            {
                return value.Trim();
            }
        }

        return null;
    }

    /// <summary>The checksum extension's value for a chunk: algorithm, space, base64 digest.</summary>
    public static string Sha256Checksum(ReadOnlySpan<byte> chunk)
    {
        Span<byte> digest = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(chunk, digest);
        return "sha256 " + Convert.ToBase64String(digest);
    }
}
