using System.Diagnostics.CodeAnalysis;
using Microsoft.AspNetCore.Http;
using ShortVideo.Hosting.Paging;
using ShortVideo.Search;

namespace ShortVideo.Hosting.Search;

/// <summary>
/// A search, hashtag or trending list's <see cref="SearchCursor"/> inside the signed cursor of every list
/// (<see cref="ListQuery"/>): the list a cursor is bound to is the search's scope, so a cursor of one query, type,
/// hashtag or window does not continue another.
/// </summary>
internal static class SearchPaging
{
    public static bool TryRead(HttpContext http, string scope, out int limit, out SearchCursor? cursor, [NotNullWhen(false)] out IResult? problem)
    {
        cursor = null;
        if (!ListQuery.TryOpen(http, List(scope), out limit, out var position, out problem))
        {
            return false;
        }

        if (position is not null && !SearchCursor.TryParse(position, scope, out cursor))
        {
            problem = ListQuery.CursorRefused();
            return false;
        }

        return true;
    }

    /// <summary>The nextCursor a client sees for <paramref name="next"/>; null on the last page.</summary>
    public static string? Next(HttpContext http, SearchCursor? next) =>
        next is null ? null : ListQuery.Seal(http, List(next.Scope), next.Encode());

    private static string List(string scope) => "search:" + scope;
}
