using ShortVideo.Catalog;
using System.Text;

namespace ShortVideo.Uploads;

/// <summary>
/// Parses the tus Upload-Metadata header: comma-separated "key base64value" pairs, keys unique and
/// free of spaces and commas, values strict base64. Values are client text: the file name is only
/// ever displayed, never used as a path.
/// </summary>
internal static class UploadMetadata
{
    public static IReadOnlyDictionary<string, string?> Parse(string? header, int maxBytes)
    {
        var result = new Dictionary<string, string?>(StringComparer.Ordinal);
        if (string.IsNullOrWhiteSpace(header))
        {
            return result;
        }

        if (Encoding.UTF8.GetByteCount(header) > maxBytes)
        {
            throw Invalid($"Upload-Metadata is larger than the {maxBytes} bytes this server accepts.");
        }

        foreach (var rawPair in header.Split(','))
        {
            var pair = rawPair.Trim();
            if (pair.Length == 0)
            {
                throw Invalid("Upload-Metadata has an empty pair (two commas in a row).");
            }

            var space = pair.IndexOf(' ', StringComparison.Ordinal);
            var key = space < 0 ? pair : pair[..space];
            var encoded = space < 0 ? null : pair[(space + 1)..];
            if (!IsValidKey(key))
            {
                throw Invalid($"Upload-Metadata key '{Printable(key)}' is not valid: keys are ASCII without spaces or commas.");
            }

            if (result.ContainsKey(key))
            {
                throw Invalid($"Upload-Metadata has the key '{key}' twice; keys must be unique.");
            }

            result[key] = encoded is null ? null : Decode(key, encoded);
        }

        return result;
    }

    /// <summary>
    /// The `visibility` metadata value: public (the default) or private. Anything else is refused when the
    /// upload is created, so a typo never publishes a video its owner meant to keep private.
    /// </summary>
    public static VideoVisibility Visibility(IReadOnlyDictionary<string, string?> metadata) =>
        metadata.GetValueOrDefault("visibility") switch
        {
            null or "public" => VideoVisibility.Public,
            "private" => VideoVisibility.Private,
            var other => throw Invalid($"Upload-Metadata visibility '{Printable(other)}' is not valid: use public or private."),
        };

    /// <summary>The last path segment of a client file name, stripped of control characters, at most 255 chars.</summary>
    public static string? SafeFileName(string? fileName)
    {
        if (string.IsNullOrWhiteSpace(fileName))
        {
            return null;
        }

        var lastSeparator = fileName.LastIndexOfAny(['/', '\\']);
        var name = lastSeparator >= 0 ? fileName[(lastSeparator + 1)..] : fileName;
        var builder = new StringBuilder(name.Length);
        foreach (var c in name)
        {
            if (!char.IsControl(c))
            {
                builder.Append(c);
            }
        }

        var clean = builder.ToString().Trim();
        if (clean is "" or "." or "..")
        {
            return null;
        }

        return clean.Length > 255 ? clean[..255] : clean;
    }

    private static string Decode(string key, string encoded)
    {
        var bytes = new byte[(encoded.Length * 3 / 4) + 3];
        if (encoded.Length % 4 != 0 || !Convert.TryFromBase64String(encoded, bytes, out var written))
        {
            throw Invalid($"Upload-Metadata value of '{key}' is not valid base64.");
        }

        try
        {
            return new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes, 0, written);
        }
        catch (DecoderFallbackException)
        {
            throw Invalid($"Upload-Metadata value of '{key}' is not UTF-8 text.");
        }
    }

    private static bool IsValidKey(string key)
    {
        if (key.Length is 0 or > 128)
        {
            return false;
        }

        foreach (var c in key)
        {
            if (c <= ' ' || c >= 127 || c == ',')
            {
                return false;
            }
        }

        return true;
    }

    private static string Printable(string key) => key.Length > 40 ? key[..40] + "…" : key;

    private static UploadException Invalid(string message) => new(UploadError.InvalidMetadata, message);
}
