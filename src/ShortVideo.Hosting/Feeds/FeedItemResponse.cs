using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http;
using ShortVideo.Catalog;
using ShortVideo.Feeds;
using ShortVideo.Feeds.Cards;
using ShortVideo.Hosting.Media;
using ShortVideo.Hosting.Videos;

namespace ShortVideo.Hosting.Feeds;

/// <summary>
/// One video as every list shows it (feeds, search, hashtag pages, trending, a profile's videos), built in this one
/// place from a <see cref="VideoCard"/>: the video, its creator, its counts, likedByMe, and on feeds why it is there
/// and what to prefetch. Media URLs are absolute, on the host the request came to.
/// </summary>
internal sealed record FeedItemResponse(
    FeedVideo Video, FeedCreator Creator, FeedCounts Counts, bool LikedByMe, string? Reason, FeedPrefetchResponse? Prefetch)
{
    public static FeedItemResponse From(VideoCard card, FeedReason? reason, FeedPrefetch? prefetch, HttpRequest request)
    {
        var video = card.Video;
        var creator = card.Creator;
        return new FeedItemResponse(
            FeedVideo.From(video, card.Hashtags, request),
            new FeedCreator(
                creator.Id,
                creator.Handle,
                creator.DisplayName,
                creator.Avatar is { } avatar ? AvatarUrl(avatar, request) : null,
                creator.FollowedByMe),
            new FeedCounts(card.Counts.Views, card.Counts.Likes, card.Counts.Comments, card.Counts.Shares),
            card.LikedByMe,
            reason is { } why ? ReasonName(why) : null,
            prefetch is not null
                ? new FeedPrefetchResponse(
                    MediaEndpoints.Url(request, video, prefetch.Segment),
                    prefetch.Init is null ? null : MediaEndpoints.Url(request, video, prefetch.Init),
                    MediaEndpoints.Url(request, video, prefetch.Playlist))
                : null);
    }

    /// <summary>A user's avatar: the poster of their avatar video (the profile shows the same URL).</summary>
    public static string AvatarUrl(VideoRecord avatar, HttpRequest request) => MediaEndpoints.Url(request, avatar, avatar.Thumbnails[0]);

    private static string ReasonName(FeedReason reason) => reason switch
    {
        FeedReason.Personalised => "personalised",
        FeedReason.Following => "following",
        FeedReason.Trending => "trending",
        _ => "new",
    };
}

/// <summary>
/// The video of an item. Playback and poster are null while it has no media (only its creator sees it then, on their
/// profile's list, with its status and visibility).
/// </summary>
internal sealed record FeedVideo(
    string Id,
    string? Caption,
    IReadOnlyList<string> Hashtags,
    long? DurationMs,
    DateTimeOffset CreatedAt,
    string Status,
    string Visibility,
    string? Poster,
    FeedPlayback Playback)
{
    public static FeedVideo From(VideoRecord video, IReadOnlyList<string> hashtags, HttpRequest request)
    {
        var poster = video.MediaVersion is null ? null : video.Thumbnails.FirstOrDefault(path => !VideoResponse.IsStoryboard(path));
        return new FeedVideo(
            video.Id,
            video.Caption,
            hashtags,
            video.DurationMs,
            video.CreatedAt,
            VideoResponse.StatusName(video.Status),
            VideoResponse.VisibilityName(video.Visibility),
            poster is null ? null : MediaEndpoints.Url(request, video, poster),
            new FeedPlayback(video.MediaVersion is null ? null : MediaEndpoints.Url(request, video, "master.m3u8")));
    }
}

/// <summary>Where to play it.</summary>
internal sealed record FeedPlayback(string? Hls);

/// <summary>Who made it, as the viewer sees them.</summary>
internal sealed record FeedCreator(string Id, string Handle, string DisplayName, string? Avatar, bool FollowedByMe);

/// <summary>The video's counters, exact (the viewer's own like counts at once).</summary>
internal sealed record FeedCounts(long Views, long Likes, long Comments, long Shares);

/// <summary>What to fetch ahead: the first segment of a middle rung (<c>url</c>), its init segment and its playlist.</summary>
internal sealed record FeedPrefetchResponse(string Url, string? Init, string Playlist);

/// <summary>A page of any list of videos and the opaque cursor of the next (null when there is nothing more now).</summary>
internal sealed record FeedPageResponse(IReadOnlyList<FeedItemResponse> Items, string? NextCursor);

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(FeedPageResponse))]
internal sealed partial class FeedJson : JsonSerializerContext;
