using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using ShortVideo.Feeds.ForYou;
using ShortVideo.Hosting.Auth;

namespace ShortVideo.Hosting.Feeds;

/// <summary>GET /api/v1/feed/for-you?limit=&amp;cursor=: the viewer's For You page (<see cref="ForYouFeed"/>), authenticated.</summary>
internal static class ForYouEndpoint
{
    public static RouteHandlerBuilder MapForYouFeed(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet("/api/v1/feed/for-you", GetAsync).RequireAuthorization();

    private static Task<IResult> GetAsync(HttpContext http, ForYouFeed feed) =>
        FeedRequest.ServeAsync(
            http,
            ForYouOptions.DefaultPageSize,
            ForYouOptions.MaxPageSize,
            (limit, cursor) => feed.GetPageAsync(http.User.GetUserId(), limit, cursor, http.RequestAborted));
}
