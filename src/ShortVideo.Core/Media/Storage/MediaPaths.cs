using System.Security.Cryptography;
using System.Text;

namespace ShortVideo.Media.Storage;

/// <summary>
/// Checks the names that make up a media key (video id, version, relative path) before any store sees them:
/// request paths reach the store, so "..", absolute paths and odd characters never become file names or keys.
/// Every <see cref="IMediaStore"/> applies them (an adapter of your own too), and the media endpoint before it.
/// </summary>
public static class MediaPaths
{
    /// <summary>True for ids and versions: letters, digits, '-' and '_', at most 64 characters.</summary>
    public static bool IsValidName(string? name)
    {
        if (string.IsNullOrEmpty(name) || name.Length > 64)
        {
            return false;
        }

        foreach (var c in name)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c != '-' && c != '_')
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// True for relative paths of 1 to 4 segments of letters, digits, '-', '_' and '.', none of them "." or
    /// "..": what the pipeline writes (720p/seg_0001.m4s, master.m3u8, storyboard/sprite.jpg).
    /// </summary>
    public static bool IsValidRelativePath(string? path)
    {
        if (string.IsNullOrEmpty(path) || path.Length > 200)
        {
            return false;
        }

        var segments = path.Split('/');
        if (segments.Length > 4)
        {
            return false;
        }

        foreach (var segment in segments)
        {
            if (segment.Length == 0 || segment == "." || segment == "..")
            {
                return false;
            }

            foreach (var c in segment)
            {
                if (!char.IsAsciiLetterOrDigit(c) && c != '-' && c != '_' && c != '.')
                {
                    return false;
                }
            }
        }

        return true;
    }

    /// <summary>Throws <see cref="ArgumentException"/> unless both are valid names (<see cref="IsValidName"/>).</summary>
    public static void Check(string videoId, string version)
    {
        if (!IsValidName(videoId) || !IsValidName(version))
        {
            throw new ArgumentException("Video ids and media versions are letters, digits, '-' and '_'.");
        }
    }

    /// <summary>A strong ETag for an immutable file: the version, the path and the size name the bytes.</summary>
    public static string EntityTag(string videoId, string version, string path, long length)
    {
        var digest = SHA256.HashData(Encoding.UTF8.GetBytes($"{videoId}/{version}/{path}/{length}"));
        return "\"" + Convert.ToHexStringLower(digest.AsSpan(0, 12)) + "\"";
    }

    /// <summary>The Content-Type of a file the pipeline writes.</summary>
    public static string ContentType(string path) => Path.GetExtension(path).ToLowerInvariant() switch
    {
        ".m3u8" => "application/vnd.apple.mpegurl",
        ".m4s" => "video/iso.segment",
        ".mp4" => "video/mp4",
        ".jpg" or ".jpeg" => "image/jpeg",
        ".png" => "image/png",
        ".webp" => "image/webp",
        ".vtt" => "text/vtt; charset=utf-8",
        ".json" => "application/json",
        _ => "application/octet-stream",
    };
}
