using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using ShortVideo.Feeds;
using ShortVideo.Feeds.Following;
using ShortVideo.Hosting.Auth;

namespace ShortVideo.Hosting.Feeds;

/// <summary>GET /api/v1/feed/following?limit=&amp;cursor=: what the viewer's followees published, newest first, authenticated.</summary>
internal static class FollowingEndpoint
{
    public static RouteHandlerBuilder MapFollowingFeed(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet("/api/v1/feed/following", GetAsync).RequireAuthorization();

    private static async Task<IResult> GetAsync(HttpContext http, IFollowingFeed feed)
    {
        if (!FeedRequest.TryRead(http, IFollowingFeed.DefaultLimit, IFollowingFeed.MaxLimit, out var limit, out var cursor, out var problem))
        {
            return problem!;
        }

        FeedPage page;
        try
        {
            page = await feed.GetPageAsync(http.User.GetUserId(), cursor, limit, http.RequestAborted).ConfigureAwait(false);
        }
        catch (FeedCursorException refused)
        {
            return FeedRequest.BadRequest(refused.Message);
        }

        return await FeedRequest.PageAsync(http, page).ConfigureAwait(false);
    }
}
