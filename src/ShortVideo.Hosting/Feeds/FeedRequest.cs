using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using ShortVideo.Feeds;
using ShortVideo.Social;

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

    /// <summary>The page as JSON, each item with its creator's handle when the node has a user directory.</summary>
    public static async Task<IResult> PageAsync(HttpContext http, FeedPage page)
    {
        var handles = await HandlesAsync(http, page).ConfigureAwait(false);
        var items = new FeedItemResponse[page.Items.Count];
        for (var i = 0; i < items.Length; i++)
        {
            var item = page.Items[i];
            items[i] = FeedItemResponse.From(item, handles?.GetValueOrDefault(item.Video.CreatorId)?.Handle, http.Request);
        }

        return Results.Json(new FeedPageResponse(items, page.NextCursor), FeedJson.Default.FeedPageResponse);
    }

    public static IResult BadRequest(string detail) =>
        Results.Problem(detail: detail, statusCode: StatusCodes.Status400BadRequest, title: "Invalid feed request");

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
}
