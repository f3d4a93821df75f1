using System.Globalization;
using ShortVideo.Cli.Upload;

namespace ShortVideo.Cli.Videos;

/// <summary>How the video commands print videos for people (<c>--json</c> prints the server's JSON instead).</summary>
internal static class VideoText
{
    private const int CaptionWidth = 40;

    /// <summary>One video, one field a line: what <c>svctl videos get</c> prints.</summary>
    public static void WriteDetails(VideoSnapshot video, TextWriter output)
    {
        Field(output, "id", video.Id);
        Field(output, "status", video.Status);
        Field(output, "visibility", video.Visibility);
        Field(output, "caption", video.Caption);
        Field(output, "size", ByteSize.Format(video.SizeBytes));
        Field(output, "deduplicated", Deduplicated(video.Deduplicated));
        Field(output, "duration", video.DurationMs is { } ms ? string.Create(CultureInfo.InvariantCulture, $"{ms / 1000.0:0.0} s") : null);
        Field(output, "created", video.CreatedAt is { } at ? Time(at) : null);
        Field(output, "hls", video.Hls);
        Field(output, "error", video.Error);
    }

    /// <summary>A table of videos, one a line: what <c>svctl videos list</c> prints.</summary>
    public static void WriteTable(IReadOnlyList<VideoSnapshot> videos, TextWriter output)
    {
        var idWidth = Math.Max("ID".Length, videos.Count == 0 ? 0 : videos.Max(v => v.Id.Length));
        output.WriteLine($"{"ID".PadRight(idWidth)}  {"STATUS",-10}  {"VISIBILITY",-10}  {"SIZE",-10}  {"CREATED",-20}  CAPTION");
        foreach (var video in videos)
        {
            output.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"{OneLine(video.Id).PadRight(idWidth)}  {OneLine(video.Status),-10}  {OneLine(video.Visibility ?? "-"),-10}  {ByteSize.Format(video.SizeBytes),-10}  {(video.CreatedAt is { } at ? Time(at) : "-"),-20}  {Clip(video.Caption)}"));
        }
    }

    /// <summary>"yes (...)" or "no": the same words in every command's human output.</summary>
    public static string Deduplicated(bool deduplicated) =>
        deduplicated ? "yes (the node already had these bytes; no second copy was stored)" : "no";

    private static void Field(TextWriter output, string name, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            output.WriteLine($"{name,-13}{OneLine(value)}");
        }
    }

    private static string Time(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static string Clip(string? caption)
    {
        if (string.IsNullOrEmpty(caption))
        {
            return string.Empty;
        }

        var line = OneLine(caption);
        return line.Length <= CaptionWidth ? line : string.Concat(line.AsSpan(0, CaptionWidth - 1), "…");
    }

    /// <summary>What the server sent, as one line without control characters: a caption or an error may hold newlines or terminal escapes.</summary>
    public static string OneLine(string? text) => text is null ? string.Empty : string.Concat(text.Select(c => char.IsControl(c) ? ' ' : c));
}
