using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http;
using ShortVideo.Catalog;
using ShortVideo.Hosting.Media;

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
    DateTimeOffset CreatedAt,
    string Visibility,
    string? NearDuplicateOf,
    VideoStoryboard? Storyboard)
{
    /// <summary>The JSON of <paramref name="video"/>; media URLs are absolute, on the host the request came to.</summary>
    public static VideoResponse From(VideoRecord video, HttpRequest request)
    {
        var ready = video.Status == VideoStatus.Ready && video.MediaVersion is not null;
        return new(
            video.Id,
            video.CreatorId,
            StatusName(video.Status),
            video.Sha256,
            video.SizeBytes,
            video.Deduplicated,
            video.Error,
            video.DurationMs,
            new VideoPlayback(ready ? MediaEndpoints.Url(request, video, "master.m3u8") : null),
            ready ? [.. video.Thumbnails.Where(path => !IsStoryboard(path)).Select(path => MediaEndpoints.Url(request, video, path))] : [],
            video.Caption,
            video.FileName,
            video.CreatedAt,
            VisibilityName(video.Visibility),
            video.NearDuplicateOf,
            ready ? StoryboardOf(video, request) : null);
    }

    /// <summary>The scrubbing storyboard: a WebVTT index whose cues point into one sprite image.</summary>
    private static VideoStoryboard? StoryboardOf(VideoRecord video, HttpRequest request)
    {
        var vtt = video.Thumbnails.FirstOrDefault(path => path.EndsWith(".vtt", StringComparison.Ordinal));
        var sprite = video.Thumbnails.FirstOrDefault(path => IsStoryboard(path) && !path.EndsWith(".vtt", StringComparison.Ordinal));
        return vtt is null || sprite is null ? null : new VideoStoryboard(MediaEndpoints.Url(request, video, vtt), MediaEndpoints.Url(request, video, sprite));
    }

    internal static bool IsStoryboard(string path) => path.StartsWith("storyboard.", StringComparison.Ordinal);

    public static string VisibilityName(VideoVisibility visibility) => visibility == VideoVisibility.Private ? "private" : "public";

    internal static string StatusName(VideoStatus status) => status switch
    {
        VideoStatus.Uploaded => "uploaded",
        VideoStatus.Processing => "processing",
        VideoStatus.Ready => "ready",
        _ => "failed",
    };
}

/// <summary>Playback URLs: the HLS master playlist once the video is ready.</summary>
internal sealed record VideoPlayback(string? Hls);

/// <summary>Scrubbing previews: the WebVTT index and the sprite its cues point into.</summary>
internal sealed record VideoStoryboard(string Vtt, string Sprite);

/// <summary>GET /api/v1/videos: one page of the caller's videos, and the opaque cursor of the next (null on the last page).</summary>
internal sealed record VideoListResponse(IReadOnlyList<VideoResponse> Items, string? NextCursor);

/// <summary>PATCH /api/v1/videos/{id}: what the owner may change.</summary>
internal sealed record VideoChangeRequest(string? Visibility);

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(VideoResponse))]
[JsonSerializable(typeof(VideoListResponse))]
[JsonSerializable(typeof(VideoChangeRequest))]
internal sealed partial class HostingJson : JsonSerializerContext;
