using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using ShortVideo.Feeds;
using ShortVideo.Catalog;
using ShortVideo.Feeds.Cards;
using ShortVideo.Hosting.Auth;

namespace ShortVideo.Hosting.Feeds;

/// <summary>What every feed endpoint shares: reading <c>limit</c> and <c>cursor</c>, and writing a page of items.</summary>
internal static class FeedRequest
{
    /// <summary>Reads the query; on bad input <paramref name="problem"/> is the 400 to answer.</summary>
    public static bool TryRead(HttpContext http, int defaultLimit, int maxLimit, out int limit, out string? cursor, out IResult? problem)
    {
        var query = http.Request.Query;
        limit = defaultLimit;
        cursor = null;
        problem = null;
        if (query.TryGetValue("limit", out var limitText)
            && (limitText.Count != 1 || !int.TryParse(limitText[0], NumberStyles.None, CultureInfo.InvariantCulture, out limit) || limit < 1 || limit > maxLimit))
        {
            problem = BadRequest(string.Create(CultureInfo.InvariantCulture, $"limit must be a whole number from 1 to {maxLimit}."));
            return false;
        }

        if (query.TryGetValue("cursor", out var cursorText))
        {
            if (cursorText.Count != 1 || string.IsNullOrEmpty(cursorText[0]))
            {
                problem = BadRequest("cursor must be the nextCursor of an earlier page.");
                return false;
            }

            cursor = cursorText[0];
        }

        return true;
    }

    /// <summary>
    /// A feed endpoint's whole answer: the query read (400 on bad input), the page fetched (400 for a cursor the feed
    /// refuses) and written as JSON.
    /// </summary>
    public static async Task<IResult> ServeAsync(HttpContext http, int defaultLimit, int maxLimit, Func<int, string?, Task<FeedPage>> fetch)
    {
        if (!TryRead(http, defaultLimit, maxLimit, out var limit, out var cursor, out var problem))
        {
            return problem!;
        }

        FeedPage page;
        try
        {
            page = await fetch(limit, cursor).ConfigureAwait(false);
        }
        catch (FeedCursorException refused)
        {
            return BadRequest(refused.Message);
        }

        return await PageAsync(http, page).ConfigureAwait(false);
    }

    /// <summary>A feed page as JSON: each item hydrated (<see cref="VideoCards"/>) with its reason and prefetch hint.</summary>
    public static async Task<IResult> PageAsync(HttpContext http, FeedPage page)
    {
        var cards = await CardsAsync(http, [.. page.Items.Select(i => i.Video)]).ConfigureAwait(false);
        var byId = cards.ToDictionary(c => c.Video.Id, StringComparer.Ordinal);
        var items = new List<FeedItemResponse>(page.Items.Count);
        foreach (var item in page.Items)
        {
            if (byId.TryGetValue(item.Video.Id, out var card))
            {
                items.Add(FeedItemResponse.From(card, item.Reason, item.Prefetch, http.Request));
            }
        }

        return Results.Json(new FeedPageResponse(items, page.NextCursor), FeedJson.Default.FeedPageResponse);
    }

    /// <summary>
    /// Any other list of videos (search, hashtag pages, trending, a profile's videos) in the same item shape, without a
    /// reason or prefetch hint. The caller has applied <see cref="Catalog.VideoAccess"/>; blocked creators go here.
    /// </summary>
    public static async Task<IResult> ListAsync(HttpContext http, IReadOnlyList<VideoRecord> videos, string? nextCursor)
    {
        var cards = await CardsAsync(http, videos).ConfigureAwait(false);
        var items = cards.Select(card => FeedItemResponse.From(card, null, null, http.Request)).ToList();
        return Results.Json(new FeedPageResponse(items, nextCursor), FeedJson.Default.FeedPageResponse);
    }

    public static IResult BadRequest(string detail) =>
        Results.Problem(detail: detail, statusCode: StatusCodes.Status400BadRequest, title: "Invalid feed request");

    private static ValueTask<IReadOnlyList<VideoCard>> CardsAsync(HttpContext http, IReadOnlyList<VideoRecord> videos) =>
        http.RequestServices.GetRequiredService<VideoCards>().HydrateAsync(http.User.GetUserId(), videos, http.RequestAborted);
}
