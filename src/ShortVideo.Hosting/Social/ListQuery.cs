using System.Globalization;
using Microsoft.AspNetCore.Http;
using ShortVideo.Paging;

namespace ShortVideo.Hosting.Social;

/// <summary>
/// The <c>limit</c> and <c>cursor</c> of every social list: limit 1 to 100 (20 when absent); cursor as a previous page's
/// nextCursor, checked to be this server's, for this list and this user, and unexpired (<see cref="ListCursors"/>).
/// </summary>
internal static class ListQuery
{
    public const int DefaultLimit = 20;
    public const int MaxLimit = 100;

    public static IResult? TryRead(HttpContext http, ListCursors cursors, string list, string viewerId, out int limit, out ListPosition? after)
    {
        limit = DefaultLimit;
        after = null;
        var query = http.Request.Query;
        var limits = query["limit"];
        if (limits.Count > 0
            && (limits.Count > 1
                || !int.TryParse(limits[0], NumberStyles.None, CultureInfo.InvariantCulture, out limit)
                || limit is < 1 or > MaxLimit))
        {
            return SocialProblems.BadRequest($"limit must be a whole number from 1 to {MaxLimit}.", "Invalid list request");
        }

        var cursor = query["cursor"];
        if (cursor.Count == 0)
        {
            return null;
        }

        if (cursor.Count > 1 || !cursors.TryDecode(cursor[0], list, viewerId, out var position))
        {
            return SocialProblems.BadRequest(
                "cursor is not valid here: pass the nextCursor of the previous page of this same list as it is (cursors expire after a day), or no cursor for the first page.",
                "Invalid list request");
        }

        after = position;
        return null;
    }
}
