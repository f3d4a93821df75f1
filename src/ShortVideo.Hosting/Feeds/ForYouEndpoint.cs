using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using ShortVideo.Feeds;
using ShortVideo.Feeds.ForYou;
using ShortVideo.Hosting.Auth;

namespace ShortVideo.Hosting.Feeds;

/// <summary>GET /api/v1/feed/for-you?limit=&amp;cursor=: the viewer's For You page (<see cref="ForYouFeed"/>), authenticated.</summary>
internal static class ForYouEndpoint
{
    public static RouteHandlerBuilder MapForYouFeed(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet("/api/v1/feed/for-you", GetAsync).RequireAuthorization();

    private static async Task<IResult> GetAsync(HttpContext http, ForYouFeed feed)
    {
        if (!FeedRequest.TryRead(http, ForYouOptions.DefaultPageSize, ForYouOptions.MaxPageSize, out var limit, out var cursor, out var problem))
        {
            return problem!;
        }

        FeedPage page;
        try
        {
            page = await feed.GetPageAsync(http.User.GetUserId(), limit, cursor, http.RequestAborted).ConfigureAwait(false);
        }
        catch (FeedCursorException refused)
        {
            return FeedRequest.BadRequest(refused.Message);
        }

        return await FeedRequest.PageAsync(http, page).ConfigureAwait(false);
    }
}
