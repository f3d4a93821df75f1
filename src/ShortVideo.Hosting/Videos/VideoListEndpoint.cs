using System.Globalization;
using Microsoft.AspNetCore.Http;
using ShortVideo.Catalog;
using ShortVideo.Hosting.Auth;

namespace ShortVideo.Hosting.Videos;

/// <summary>
/// GET /api/v1/videos?limit=&amp;cursor=: the caller's own videos, newest first, in pages (every status and
/// visibility: it is their list). The filter is the token's user and nothing else, so no parameter can reach
/// another user's videos; a cursor only says where in the caller's list to continue.
/// </summary>
internal static class VideoListEndpoint
{
    public static async Task<IResult> ListAsync(HttpContext http, IVideoCatalog videos)
    {
        // Read by hand rather than bound, so a bad value is our sentence and not the binder's.
        var query = http.Request.Query;
        if (!TryReadLimit(query["limit"], out var limit))
        {
            return BadRequest($"limit must be a whole number from 1 (at most {VideoPage.MaxLimit} videos come back per page).");
        }

        VideoListCursor? after = null;
        var cursor = query["cursor"];
        if (cursor.Count > 1 || (cursor.Count == 1 && !VideoListCursor.TryParse(cursor[0], out after)))
        {
            return BadRequest("cursor is not one this server gave out: pass the nextCursor of the previous page as it is, or no cursor for the first page.");
        }

        var page = await videos.ListByCreatorAsync(http.User.GetUserId(), after, limit, http.RequestAborted).ConfigureAwait(false);
        var items = new VideoResponse[page.Items.Count];
        for (var i = 0; i < items.Length; i++)
        {
            items[i] = VideoResponse.From(page.Items[i], http.Request);
        }

        return Results.Json(new VideoListResponse(items, page.Next?.Encode()), HostingJson.Default.VideoListResponse);
    }

    /// <summary>Absent: the default page; 1 or more: capped at the maximum; anything else is refused.</summary>
    private static bool TryReadLimit(Microsoft.Extensions.Primitives.StringValues values, out int limit)
    {
        limit = VideoPage.DefaultLimit;
        if (values.Count == 0)
        {
            return true;
        }

        var text = values[0];
        if (values.Count > 1 || string.IsNullOrEmpty(text) || !text.All(char.IsAsciiDigit))
        {
            return false;
        }

        // A huge number (even one past long.MaxValue) asks for "as many as you give": the cap.
        var requested = long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) ? parsed : long.MaxValue;
        if (requested < 1)
        {
            return false;
        }

        limit = VideoPage.Cap((int)Math.Min(requested, VideoPage.MaxLimit));
        return true;
    }

    private static IResult BadRequest(string detail) =>
        Results.Problem(detail: detail, statusCode: StatusCodes.Status400BadRequest, title: "Invalid video list request");
}
