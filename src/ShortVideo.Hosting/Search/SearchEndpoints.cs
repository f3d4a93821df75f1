using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using ShortVideo.Catalog;
using ShortVideo.Hosting.Auth;
using ShortVideo.Hosting.Feeds;
using ShortVideo.Hosting.Paging;
using ShortVideo.Search;

namespace ShortVideo.Hosting.Search;

/// <summary>
/// GET /api/v1/search?q=&amp;type=videos|users|hashtags and GET /api/v1/hashtags/{tag}/videos. A blank q is 400 (a
/// client bug, not a search); q of punctuation only is an empty list; q is never query syntax (<see cref="SearchQuery"/>).
/// </summary>
internal static class SearchEndpoints
{
    public static IEndpointRouteBuilder MapSearch(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/api/v1/search", SearchAsync).RequireAuthorization();
        endpoints.MapGet("/api/v1/hashtags/{tag}/videos", HashtagVideosAsync).RequireAuthorization();
        endpoints.MapTrending();
        return endpoints;
    }

    private static async Task<IResult> SearchAsync(HttpContext http, IVideoSearchIndex videos, IUserSearchIndex users, IVideoCatalog catalog)
    {
        var query = http.Request.Query;
        if (!ListQuery.TrySingle(query, "q", out var text) || !ListQuery.TrySingle(query, "type", out var type))
        {
            return ListQuery.BadRequest("q and type may each be given once.");
        }

        if (!SearchQuery.TryParse(text, out var search, out var problem))
        {
            return ListQuery.BadRequest(problem);
        }

        type ??= "videos";
        if (type is not ("videos" or "users" or "hashtags"))
        {
            return ListQuery.BadRequest($"type must be videos, users or hashtags, not '{(type.Length > 20 ? type[..20] : type)}'.");
        }

        if (!SearchPaging.TryRead(http, search.Scope(type), out var limit, out var cursor, out var bad))
        {
            return bad;
        }

        var ct = http.RequestAborted;
        switch (type)
        {
            case "users":
                var people = await users.SearchAsync(search, cursor, limit, ct).ConfigureAwait(false);
                return Results.Json(
                    new ItemList<UserItem>([.. people.Items.Select(u => new UserItem(u.UserId, u.Handle, u.DisplayName))], SearchPaging.Next(http, people.Next)),
                    SearchJson.Default.ItemListUserItem);
            case "hashtags":
                var tags = await videos.SearchHashtagsAsync(search, cursor, limit, ct).ConfigureAwait(false);
                return Results.Json(
                    new ItemList<HashtagItem>([.. tags.Items.Select(t => new HashtagItem(t.Tag, t.Videos))], SearchPaging.Next(http, tags.Next)),
                    SearchJson.Default.ItemListHashtagItem);
            default:
                var found = await videos.SearchAsync(search, cursor, limit, ct).ConfigureAwait(false);
                return await VideoListAsync(found.Items, found.Next, catalog, http).ConfigureAwait(false);
        }
    }

    private static async Task<IResult> HashtagVideosAsync(string tag, HttpContext http, IVideoSearchIndex videos, IVideoCatalog catalog)
    {
        if (tag.Length > 4 * Hashtags.MaxLength || Hashtags.Normalize(tag) is not { } normalized)
        {
            return ListQuery.BadRequest($"'{(tag.Length > 40 ? tag[..40] : tag)}' is not a hashtag: letters, digits or '_', not digits only, at most {Hashtags.MaxLength} characters.");
        }

        if (!SearchPaging.TryRead(http, SearchCursor.ScopeOf("tag\n" + normalized), out var limit, out var cursor, out var bad))
        {
            return bad;
        }

        var page = await videos.ListTaggedAsync(normalized, cursor, limit, http.RequestAborted).ConfigureAwait(false);
        return await VideoListAsync(page.Items, page.Next, catalog, http).ConfigureAwait(false);
    }

    /// <summary>
    /// The videos of <paramref name="ids"/> the viewer may see (<see cref="VideoAccess"/>) and that are ready, in order,
    /// as hydrated items without creators blocked either way: the index is never trusted alone, so a video deleted or
    /// made private a moment ago is not shown.
    /// </summary>
    public static async Task<IResult> VideoListAsync(IReadOnlyList<string> ids, SearchCursor? next, IVideoCatalog catalog, HttpContext http)
    {
        var viewer = http.User.GetViewer();
        var videos = new List<VideoRecord>(ids.Count);
        foreach (var id in ids)
        {
            var video = await catalog.GetAsync(id, http.RequestAborted).ConfigureAwait(false);
            if (video is { Status: VideoStatus.Ready } && VideoAccess.CanView(video, viewer))
            {
                videos.Add(video);
            }
        }

        return await FeedRequest.ListAsync(http, videos, SearchPaging.Next(http, next)).ConfigureAwait(false);
    }
}
