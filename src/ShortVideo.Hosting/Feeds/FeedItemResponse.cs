using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http;
using ShortVideo.Feeds;
using ShortVideo.Hosting.Media;

namespace ShortVideo.Hosting.Feeds;

/// <summary>
/// One feed item as clients read it, built in this one place for every feed: the video, its creator, why it is there
/// and what to prefetch. Media URLs are absolute, on the host the request came to.
/// </summary>
internal sealed record FeedItemResponse(FeedVideo Video, FeedCreator Creator, string Reason, FeedPrefetchResponse? Prefetch)
{
    public static FeedItemResponse From(FeedItem item, string? creatorHandle, HttpRequest request)
    {
        var video = item.Video;
        var poster = video.Thumbnails.FirstOrDefault(path => !path.StartsWith("storyboard.", StringComparison.Ordinal));
        return new FeedItemResponse(
            new FeedVideo(
                video.Id,
                video.Caption,
                item.Hashtags,
                video.DurationMs,
                poster is null ? null : MediaEndpoints.Url(request, video, poster),
                new FeedPlayback(MediaEndpoints.Url(request, video, "master.m3u8"))),
            new FeedCreator(video.CreatorId, creatorHandle),
            ReasonName(item.Reason),
            item.Prefetch is { } prefetch
                ? new FeedPrefetchResponse(
                    MediaEndpoints.Url(request, video, prefetch.Segment),
                    prefetch.Init is null ? null : MediaEndpoints.Url(request, video, prefetch.Init),
                    MediaEndpoints.Url(request, video, prefetch.Playlist))
                : null);
    }

    private static string ReasonName(FeedReason reason) => reason switch
    {
        FeedReason.Personalised => "personalised",
        FeedReason.Following => "following",
        FeedReason.Trending => "trending",
        _ => "new",
    };
}

/// <summary>The video of a feed item.</summary>
internal sealed record FeedVideo(string Id, string? Caption, IReadOnlyList<string> Hashtags, long? DurationMs, string? Poster, FeedPlayback Playback);

/// <summary>Where to play it.</summary>
internal sealed record FeedPlayback(string Hls);

/// <summary>Who made it; the handle when the user directory knows them.</summary>
internal sealed record FeedCreator(string Id, string? Handle);

/// <summary>What to fetch ahead: the first segment of a middle rung (<c>url</c>), its init segment and its playlist.</summary>
internal sealed record FeedPrefetchResponse(string Url, string? Init, string Playlist);

/// <summary>A page of a feed and the opaque cursor of the next (null when there is nothing more now).</summary>
internal sealed record FeedPageResponse(IReadOnlyList<FeedItemResponse> Items, string? NextCursor);

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(FeedPageResponse))]
internal sealed partial class FeedJson : JsonSerializerContext;
