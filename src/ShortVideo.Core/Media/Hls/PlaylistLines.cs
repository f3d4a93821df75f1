using System.Globalization;

namespace ShortVideo.Media.Hls;

/// <summary>Line-level reading shared by the master and media playlist parsers.</summary>
internal static class PlaylistLines
{
    /// <summary>Non-empty lines without surrounding white space (so CRLF playlists read like LF ones).</summary>
    public static string[] Split(string text) =>
        text.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);

    /// <summary>RFC 8216 4.3.1.1: the first line of every playlist is #EXTM3U.</summary>
    public static bool HasHeader(string[] lines) => lines.Length > 0 && lines[0] == "#EXTM3U";

    /// <summary>The text after a tag's colon, when the line is that tag.</summary>
    public static bool TryValue(string line, string tag, out string value)
    {
        if (line.StartsWith(tag, StringComparison.Ordinal))
        {
            value = line[tag.Length..];
            return true;
        }

        value = string.Empty;
        return false;
    }

    public static int? ParseInt(string text) =>
        int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : null;
}
