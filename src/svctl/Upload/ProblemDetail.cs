using System.Text;
using System.Text.Json;

namespace ShortVideo.Cli.Upload;

/// <summary>Turns an error body into one sentence: RFC 9457 <c>detail</c> (or <c>title</c>), else the first text line.</summary>
internal static class ProblemDetail
{
    private const int MaxLength = 300;

    public static string? Extract(string? mediaType, ReadOnlySpan<byte> body)
    {
        if (body.IsEmpty)
        {
            return null;
        }

        if (mediaType is not null && mediaType.EndsWith("json", StringComparison.OrdinalIgnoreCase))
        {
            var fromJson = FromJson(body);
            if (fromJson is not null)
            {
                return Clip(fromJson);
            }
        }

        var text = Encoding.UTF8.GetString(body).Trim();
        var newline = text.IndexOfAny(['\r', '\n']);
        return Clip(newline >= 0 ? text[..newline] : text);
    }

    private static string? FromJson(ReadOnlySpan<byte> body)
    {
        try
        {
            var reader = new Utf8JsonReader(body);
            using var document = JsonDocument.ParseValue(ref reader);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            if (document.RootElement.TryGetProperty("detail", out var detail) && detail.ValueKind == JsonValueKind.String)
            {
                return detail.GetString();
            }

            return document.RootElement.TryGetProperty("title", out var title) && title.ValueKind == JsonValueKind.String
                ? title.GetString()
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string? Clip(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        text = OneLine(text);
        return text.Length <= MaxLength ? text : string.Concat(text.AsSpan(0, MaxLength), "…");
    }

    /// <summary>
    /// The server's words go to the user's terminal: line breaks would split the one-line error, and escape sequences
    /// could rewrite the screen. Every run of control characters and spaces becomes one space.
    /// </summary>
    private static string OneLine(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            var blank = char.IsControl(c) || char.IsWhiteSpace(c);
            if (!blank)
            {
                builder.Append(c);
            }
            else if (builder.Length > 0 && builder[^1] != ' ')
            {
                builder.Append(' ');
            }
        }

        return builder.ToString().TrimEnd();
    }
}
