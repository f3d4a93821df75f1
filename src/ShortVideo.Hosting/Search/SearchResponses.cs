using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http;
using ShortVideo.Catalog;
using ShortVideo.Hosting.Media;
using ShortVideo.Hosting.Videos;

namespace ShortVideo.Hosting.Search;

/// <summary>
/// A video in a list (search, hashtag page, trending): what a client needs to show and play it. Built here only, from
/// the catalog's record, so every list shows the same fields.
/// </summary>
internal sealed record VideoItem(
    string Id,
    string? Caption,
    IReadOnlyList<string> Hashtags,
    string CreatorId,
    long? DurationMs,
    DateTimeOffset CreatedAt,
    string? Poster,
    VideoPlayback Playback)
{
    public static VideoItem From(VideoRecord video, HttpRequest request)
    {
        var poster = video.MediaVersion is null ? null : video.Thumbnails.FirstOrDefault(path => !VideoResponse.IsStoryboard(path));
        return new(
            video.Id,
            video.Caption,
            Catalog.Hashtags.Parse(video.Caption),
            video.CreatorId,
            video.DurationMs,
            video.CreatedAt,
            poster is null ? null : MediaEndpoints.Url(request, video, poster),
            new VideoPlayback(video.MediaVersion is null ? null : MediaEndpoints.Url(request, video, "master.m3u8")));
    }
}

/// <summary>A user found by search.</summary>
internal sealed record UserItem(string Id, string Handle, string DisplayName);

/// <summary>A hashtag found by prefix, with its count of public, ready videos.</summary>
internal sealed record HashtagItem(string Tag, long Videos);

/// <summary>A trending hashtag and its weighted count in the window.</summary>
internal sealed record TrendingHashtagItem(string Tag, double Score);

/// <summary>Every list of this feature: one page and the opaque cursor of the next (null on the last page).</summary>
internal sealed record ItemList<T>(IReadOnlyList<T> Items, string? NextCursor);

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(ItemList<VideoItem>))]
[JsonSerializable(typeof(ItemList<UserItem>))]
[JsonSerializable(typeof(ItemList<HashtagItem>))]
[JsonSerializable(typeof(ItemList<TrendingHashtagItem>))]
internal sealed partial class SearchJson : JsonSerializerContext;
