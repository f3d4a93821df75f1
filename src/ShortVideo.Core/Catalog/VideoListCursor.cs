using System.Globalization;

namespace ShortVideo.Catalog;

/// <summary>
/// Where the next page of a list of videos starts, newest first: just after the video it names (by creation time,
/// then id, so videos created in the same millisecond are neither skipped nor repeated). Clients see it as an
/// opaque string (<see cref="Encode"/>) and hand it back; <see cref="TryParse"/> refuses anything it did not write.
/// A well-formed cursor made up by a client only moves the position inside the list it is applied to: the list's
/// filter (whose videos) never comes from the cursor.
/// </summary>
public sealed record VideoListCursor
{
    /// <summary>Longest encoded cursor accepted; ours are well under it (ids are short).</summary>
    public const int MaxEncodedLength = 256;

    // A version prefix, so the format can change without old cursors being misread.
    private const string Version = "v1";
    private const int MaxVideoIdLength = 128;

    /// <summary>A position just after <paramref name="videoId"/>, created at <paramref name="createdAt"/>.</summary>
    public VideoListCursor(DateTimeOffset createdAt, string videoId)
    {
        ArgumentException.ThrowIfNullOrEmpty(videoId);
        CreatedAt = DateTimeOffset.FromUnixTimeMilliseconds(createdAt.ToUnixTimeMilliseconds());
        VideoId = videoId;
    }

    /// <summary>Creation time of the last video of the previous page (millisecond precision, as stored).</summary>
    public DateTimeOffset CreatedAt { get; }

    /// <summary>Id of the last video of the previous page.</summary>
    public string VideoId { get; }

    /// <summary>The position just after <paramref name="video"/>.</summary>
    public static VideoListCursor After(VideoRecord video)
    {
        ArgumentNullException.ThrowIfNull(video);
        return new VideoListCursor(video.CreatedAt, video.Id);
    }

    /// <summary>The opaque string a client hands back (base64url, no padding).</summary>
    public string Encode()
    {
        return OpaqueCursorText.Encode(string.Create(CultureInfo.InvariantCulture, $"{Version}.{CreatedAt.ToUnixTimeMilliseconds()}.{VideoId}"));
    }

    /// <summary>Reads a string <see cref="Encode"/> wrote; false for anything else (garbage, truncation, another version).</summary>
    public static bool TryParse(string? text, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out VideoListCursor? cursor)
    {
        cursor = null;
        if (!OpaqueCursorText.TryDecode(text, MaxEncodedLength, out var decoded))
        {
            return false;
        }

        var parts = decoded.Split('.', 3);
        if (parts.Length != 3
            || parts[0] != Version
            || !long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var milliseconds)
            || milliseconds > DateTimeOffset.MaxValue.ToUnixTimeMilliseconds()
            || parts[2].Length is 0 or > MaxVideoIdLength
            || parts[2].Any(char.IsControl))
        {
            return false;
        }

        cursor = new VideoListCursor(DateTimeOffset.FromUnixTimeMilliseconds(milliseconds), parts[2]);
        return true;
    }
}
