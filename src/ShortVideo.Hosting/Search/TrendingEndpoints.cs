using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using ShortVideo.Catalog;
using ShortVideo.Hosting.Paging;
using ShortVideo.Search;
using ShortVideo.Trending;

namespace ShortVideo.Hosting.Search;

/// <summary>GET /api/v1/trending/videos and /api/v1/trending/hashtags?window=1h|24h (default 24h), in pages of the ranked list.</summary>
internal static class TrendingEndpoints
{
    public static void MapTrending(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/api/v1/trending/videos", VideosAsync).RequireAuthorization();
        endpoints.MapGet("/api/v1/trending/hashtags", HashtagsAsync).RequireAuthorization();
    }

    private static async Task<IResult> VideosAsync(HttpContext http, ITrending trending, IVideoCatalog catalog, IOptions<TrendingOptions> options)
    {
        if (!TryRead(http, "videos", out var window, out var limit, out var offset, out var scope, out var bad))
        {
            return bad;
        }

        var top = await trending.TopVideosAsync(window, options.Value.MaxListed, http.RequestAborted).ConfigureAwait(false);
        var (page, next) = Slice(top, offset, limit, scope);
        return await SearchEndpoints.VideoListAsync([.. page.Select(e => e.Key)], next, catalog, http).ConfigureAwait(false);
    }

    private static async Task<IResult> HashtagsAsync(HttpContext http, ITrending trending, IOptions<TrendingOptions> options)
    {
        if (!TryRead(http, "hashtags", out var window, out var limit, out var offset, out var scope, out var bad))
        {
            return bad;
        }

        var top = await trending.TopHashtagsAsync(window, options.Value.MaxListed, http.RequestAborted).ConfigureAwait(false);
        var (page, next) = Slice(top, offset, limit, scope);
        return Results.Json(
            new ItemList<TrendingHashtagItem>([.. page.Select(e => new TrendingHashtagItem(e.Key, Math.Round(e.Score, 3)))], SearchPaging.Next(http, next)),
            SearchJson.Default.ItemListTrendingHashtagItem);
    }

    private static bool TryRead(
        HttpContext http, string kind, out TrendingWindow window, out int limit, out int offset, out string scope, [System.Diagnostics.CodeAnalysis.NotNullWhen(false)] out IResult? problem)
    {
        var query = http.Request.Query;
        window = TrendingWindow.Day;
        offset = 0;
        limit = 0;
        scope = string.Empty;
        if (!ListQuery.TrySingle(query, "window", out var text) || (text is not null && text is not ("1h" or "24h")))
        {
            problem = ListQuery.BadRequest("window must be 1h or 24h.");
            return false;
        }

        window = text == "1h" ? TrendingWindow.Hour : TrendingWindow.Day;
        scope = SearchCursor.ScopeOf($"trending\n{kind}\n{window}");
        if (!SearchPaging.TryRead(http, scope, out limit, out var cursor, out problem))
        {
            return false;
        }

        if (cursor is not null && cursor.Position is < 0 or > int.MaxValue)
        {
            problem = ListQuery.CursorRefused();
            return false;
        }

        offset = (int)(cursor?.Position ?? 0);
        return true;
    }

    private static (IReadOnlyList<TrendingEntry> Page, SearchCursor? Next) Slice(IReadOnlyList<TrendingEntry> top, int offset, int limit, string scope)
    {
        var page = top.Skip(offset).Take(limit).ToList();
        var end = offset + page.Count;
        return (page, end < top.Count ? new SearchCursor(scope, 0, end) : null);
    }
}
