using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using ShortVideo.Catalog;
using ShortVideo.Hosting.Auth;
using ShortVideo.Paging;

namespace ShortVideo.Hosting.Paging;

/// <summary>
/// THE reading of <c>limit</c> and <c>cursor</c> for every list of the API, so each list answers bad input alike.
/// limit: absent is the list's default; a whole number from 1 to the list's maximum is used; anything else (0, negative,
/// text, repeated, above the maximum) is 400 naming the range, never capped: a client asking for 10,000 has a bug to
/// hear about. cursor: absent is the first page; otherwise it must be a <see cref="ListCursors"/> cursor this server gave
/// the caller for this very list, unexpired; anything else is 400 with <see cref="ListCursors.Refused"/>.
/// </summary>
internal static class ListQuery
{
    /// <summary>Page size of the lists (all but the feeds) when the client names none.</summary>
    public const int DefaultLimit = VideoPage.DefaultLimit;

    /// <summary>Largest page of the lists (all but the feeds).</summary>
    public const int MaxLimit = VideoPage.MaxLimit;

    /// <summary>
    /// Reads limit and the cursor's raw text (for a feed that opens its own cursors in Core); on bad input
    /// <paramref name="problem"/> is the 400 to answer.
    /// </summary>
    public static bool TryRead(HttpContext http, int defaultLimit, int maxLimit, out int limit, out string? cursor, [NotNullWhen(false)] out IResult? problem)
    {
        var query = http.Request.Query;
        cursor = null;
        problem = null;
        if (!TryReadLimit(query, defaultLimit, maxLimit, out limit))
        {
            problem = BadRequest(string.Create(CultureInfo.InvariantCulture, $"limit must be a whole number from 1 to {maxLimit}."));
            return false;
        }

        var text = query["cursor"];
        if (text.Count > 1 || (text.Count == 1 && string.IsNullOrEmpty(text[0])))
        {
            problem = CursorRefused();
            return false;
        }

        cursor = text.Count == 1 ? text[0] : null;
        return true;
    }

    /// <summary>
    /// Reads limit (<see cref="DefaultLimit"/>, at most <see cref="MaxLimit"/>) and opens the cursor of list
    /// <paramref name="list"/> for the caller: <paramref name="position"/> is the list's own position text, null on the
    /// first page. The caller parses it and answers <see cref="CursorRefused"/> if it cannot.
    /// </summary>
    public static bool TryOpen(HttpContext http, string list, out int limit, out string? position, [NotNullWhen(false)] out IResult? problem)
    {
        position = null;
        if (!TryRead(http, DefaultLimit, MaxLimit, out limit, out var cursor, out problem))
        {
            return false;
        }

        if (cursor is not null && !Cursors(http).TryOpen(cursor, list, http.User.GetUserId(), out position))
        {
            problem = CursorRefused();
            return false;
        }

        return true;
    }

    /// <summary>The nextCursor that continues list <paramref name="list"/> for the caller at <paramref name="position"/>; null for none.</summary>
    public static string? Seal(HttpContext http, string list, string? position) =>
        position is null ? null : Cursors(http).Seal(list, http.User.GetUserId(), position);

    /// <summary>The single value of parameter <paramref name="name"/>, or null when absent; false when it is repeated.</summary>
    public static bool TrySingle(IQueryCollection query, string name, out string? value)
    {
        var values = query[name];
        value = values.Count == 1 ? values[0] : null;
        return values.Count <= 1;
    }

    public static IResult BadRequest(string detail) =>
        Results.Problem(detail: detail, statusCode: StatusCodes.Status400BadRequest, title: "Invalid list request");

    /// <summary>The one answer for every refused cursor, whatever the list and whatever was wrong with it.</summary>
    public static IResult CursorRefused() => BadRequest(ListCursors.Refused);

    private static bool TryReadLimit(IQueryCollection query, int defaultLimit, int maxLimit, out int limit)
    {
        limit = defaultLimit;
        var values = query["limit"];
        if (values.Count == 0)
        {
            return true;
        }

        // NumberStyles.None: digits only (no sign, space, or separator); past int.MaxValue fails like any other bad value.
        return values.Count == 1
            && int.TryParse(values[0], NumberStyles.None, CultureInfo.InvariantCulture, out limit)
            && limit >= 1
            && limit <= maxLimit;
    }

    private static ListCursors Cursors(HttpContext http) => http.RequestServices.GetRequiredService<ListCursors>();
}
