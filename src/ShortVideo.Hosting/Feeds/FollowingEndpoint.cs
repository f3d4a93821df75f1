using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using ShortVideo.Feeds.Following;
using ShortVideo.Hosting.Auth;

namespace ShortVideo.Hosting.Feeds;

/// <summary>GET /api/v1/feed/following?limit=&amp;cursor=: what the viewer's followees published, newest first, authenticated.</summary>
internal static class FollowingEndpoint
{
    public static RouteHandlerBuilder MapFollowingFeed(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet("/api/v1/feed/following", GetAsync).RequireAuthorization();

    private static Task<IResult> GetAsync(HttpContext http, IFollowingFeed feed) =>
        FeedRequest.ServeAsync(
            http,
            IFollowingFeed.DefaultLimit,
            IFollowingFeed.MaxLimit,
            (limit, cursor) => feed.GetPageAsync(http.User.GetUserId(), cursor, limit, http.RequestAborted).AsTask());
}
