using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using ShortVideo.Feeds;
using ShortVideo.Catalog;
using ShortVideo.Feeds.Cards;
using ShortVideo.Hosting.Auth;
using ShortVideo.Hosting.Paging;

namespace ShortVideo.Hosting.Feeds;

/// <summary>What every feed endpoint shares: reading <c>limit</c> and <c>cursor</c> (<see cref="ListQuery"/>), and writing a page of items.</summary>
internal static class FeedRequest
{
    /// <summary>
    /// A feed endpoint's whole answer: the query read (400 on bad input), the page fetched (400 for a cursor the feed
    /// refuses, with the sentence of every list) and written as JSON.
    /// </summary>
    public static async Task<IResult> ServeAsync(HttpContext http, int defaultLimit, int maxLimit, Func<int, string?, Task<FeedPage>> fetch)
    {
        if (!ListQuery.TryRead(http, defaultLimit, maxLimit, out var limit, out var cursor, out var problem))
        {
            return problem;
        }

        FeedPage page;
        try
        {
            page = await fetch(limit, cursor).ConfigureAwait(false);
        }
        catch (FeedCursorException)
        {
            return ListQuery.CursorRefused();
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

    private static ValueTask<IReadOnlyList<VideoCard>> CardsAsync(HttpContext http, IReadOnlyList<VideoRecord> videos) =>
        http.RequestServices.GetRequiredService<VideoCards>().HydrateAsync(http.User.GetUserId(), videos, http.RequestAborted);
}
