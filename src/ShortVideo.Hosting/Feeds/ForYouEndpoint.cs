using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using ShortVideo.Feeds;
using ShortVideo.Feeds.ForYou;
using ShortVideo.Hosting.Auth;
using ShortVideo.Social;

namespace ShortVideo.Hosting.Feeds;

/// <summary>GET /api/v1/feed/for-you?limit=&amp;cursor=: the viewer's For You page (<see cref="ForYouFeed"/>), authenticated.</summary>
internal static class ForYouEndpoint
{
    public static RouteHandlerBuilder MapForYouFeed(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet("/api/v1/feed/for-you", GetAsync).RequireAuthorization();

    private static async Task<IResult> GetAsync(HttpContext http, ForYouFeed feed)
    {
        var query = http.Request.Query;
        var limit = ForYouOptions.DefaultPageSize;
        if (query.TryGetValue("limit", out var limitText)
            && (limitText.Count != 1 || !int.TryParse(limitText[0], NumberStyles.None, CultureInfo.InvariantCulture, out limit) || limit is < 1 or > ForYouOptions.MaxPageSize))
        {
            return BadRequest($"limit must be a whole number from 1 to {ForYouOptions.MaxPageSize}.");
        }

        string? cursor = null;
        if (query.TryGetValue("cursor", out var cursorText))
        {
            if (cursorText.Count != 1 || string.IsNullOrEmpty(cursorText[0]))
            {
                return BadRequest("cursor must be the nextCursor of an earlier page.");
            }

            cursor = cursorText[0];
        }

        var viewer = http.User.GetUserId();
        FeedPage page;
        try
        {
            page = await feed.GetPageAsync(viewer, limit, cursor, http.RequestAborted).ConfigureAwait(false);
        }
        catch (FeedCursorException refused)
        {
            return BadRequest(refused.Message);
        }

        var handles = await HandlesAsync(http, page).ConfigureAwait(false);
        var items = new FeedItemResponse[page.Items.Count];
        for (var i = 0; i < items.Length; i++)
        {
            var item = page.Items[i];
            items[i] = FeedItemResponse.From(item, handles?.GetValueOrDefault(item.Video.CreatorId)?.Handle, http.Request);
        }

        return Results.Json(new FeedPageResponse(items, page.NextCursor), FeedJson.Default.FeedPageResponse);
    }

    /// <summary>The creators' profiles when the node has a user directory (the social module); null without one.</summary>
    private static async Task<IReadOnlyDictionary<string, UserProfile>?> HandlesAsync(HttpContext http, FeedPage page)
    {
        if (page.Items.Count == 0 || http.RequestServices.GetService<IUserDirectory>() is not { } users)
        {
            return null;
        }

        var creators = new HashSet<string>(StringComparer.Ordinal);
        foreach (var item in page.Items)
        {
            creators.Add(item.Video.CreatorId);
        }

        return await users.GetManyAsync(creators, http.RequestAborted).ConfigureAwait(false);
    }

    private static IResult BadRequest(string detail) =>
        Results.Problem(detail: detail, statusCode: StatusCodes.Status400BadRequest, title: "Invalid feed request");
}
