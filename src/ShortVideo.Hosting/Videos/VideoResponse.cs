using System.Text.Json;
using System.Text.Json.Serialization;
using ShortVideo.Catalog;

namespace ShortVideo.Hosting.Videos;

/// <summary>GET /api/v1/videos/{id}: the public contract of DESIGN.md.</summary>
internal sealed record VideoResponse(
    string Id,
    string CreatorId,
    string Status,
    string Sha256,
    long SizeBytes,
    bool Deduplicated,
    string? Error,
    long? DurationMs,
    VideoPlayback Playback,
    IReadOnlyList<string> Thumbnails,
    string? Caption,
    string? FileName,
    DateTimeOffset CreatedAt)
{
    public static VideoResponse From(VideoRecord video) => new(
        video.Id,
        video.CreatorId,
        StatusName(video.Status),
        video.Sha256,
        video.SizeBytes,
        video.Deduplicated,
        video.Error,
        video.DurationMs,
        new VideoPlayback(null),
        [],
        video.Caption,
        video.FileName,
        video.CreatedAt);

    private static string StatusName(VideoStatus status) => status switch
    {
        VideoStatus.Uploaded => "uploaded",
        VideoStatus.Processing => "processing",
        VideoStatus.Ready => "ready",
        _ => "failed",
    };
}

/// <summary>Playback URLs; HLS arrives with the media pipeline.</summary>
internal sealed record VideoPlayback(string? Hls);

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(VideoResponse))]
internal sealed partial class HostingJson : JsonSerializerContext;
