using System.Text;

namespace ShortVideo.Cli.Upload;

/// <summary>Builds the tus Upload-Metadata header: <c>filename</c>, <c>filetype</c>, <c>caption</c> and <c>visibility</c>, values base64.</summary>
internal static class UploadMetadata
{
    public static string Build(string fileName, string? caption, string? visibility = null)
    {
        var builder = new StringBuilder(128);
        Append(builder, "filename", fileName);
        Append(builder, "filetype", GuessContentType(fileName));
        if (!string.IsNullOrEmpty(caption))
        {
            Append(builder, "caption", caption);
        }

        if (!string.IsNullOrEmpty(visibility))
        {
            Append(builder, "visibility", visibility);
        }

        return builder.ToString();
    }

    /// <summary>A media type from the extension; the server probes the bytes anyway, this is only a hint.</summary>
    public static string GuessContentType(string fileName) => Path.GetExtension(fileName).ToUpperInvariant() switch
    {
        ".MP4" => "video/mp4",
        ".M4V" => "video/x-m4v",
        ".MOV" or ".QT" => "video/quicktime",
        ".WEBM" => "video/webm",
        ".MKV" => "video/x-matroska",
        ".AVI" => "video/x-msvideo",
        ".TS" or ".MTS" or ".M2TS" => "video/mp2t",
        ".3GP" => "video/3gpp",
        ".OGV" => "video/ogg",
        ".FLV" => "video/x-flv",
        ".WMV" => "video/x-ms-wmv",
        ".MPG" or ".MPEG" => "video/mpeg",
        ".GIF" => "image/gif",
        _ => "application/octet-stream",
    };

    private static void Append(StringBuilder builder, string key, string value)
    {
        if (builder.Length > 0)
        {
            builder.Append(',');
        }

        builder.Append(key).Append(' ').Append(Convert.ToBase64String(Encoding.UTF8.GetBytes(value)));
    }
}
