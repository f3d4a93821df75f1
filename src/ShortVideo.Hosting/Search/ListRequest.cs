using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;
using ShortVideo.Catalog;
using ShortVideo.Search;

namespace ShortVideo.Hosting.Search;

/// <summary>
/// The <c>limit</c> and <c>cursor</c> of a search, hashtag or trending list, read by hand so a bad value is our sentence:
/// a limit is a whole number from 1 to <see cref="VideoPage.MaxLimit"/> (anything else is 400, not capped: a client
/// asking for 10,000 has a bug to hear about), a cursor one this server gave for this very list.
/// </summary>
internal static class ListRequest
{
    public static bool TryRead(
        IQueryCollection query, string scope, out int limit, out SearchCursor? cursor, [NotNullWhen(false)] out IResult? problem)
    {
        cursor = null;
        problem = null;
        if (!TryReadLimit(query["limit"], out limit))
        {
            problem = BadRequest($"limit must be a whole number from 1 to {VideoPage.MaxLimit}.");
            return false;
        }

        var text = query["cursor"];
        if (text.Count > 1 || (text.Count == 1 && !SearchCursor.TryParse(text[0], scope, out cursor)))
        {
            problem = BadRequest("cursor is not one this server gave out for this list: pass the nextCursor of the previous page as it is, or no cursor for the first page.");
            return false;
        }

        return true;
    }

    /// <summary>The single value of parameter <paramref name="name"/>, or null when absent; false when it is repeated.</summary>
    public static bool TrySingle(IQueryCollection query, string name, out string? value)
    {
        var values = query[name];
        value = values.Count == 1 ? values[0] : null;
        return values.Count <= 1;
    }

    public static IResult BadRequest(string detail) =>
        Results.Problem(detail: detail, statusCode: StatusCodes.Status400BadRequest, title: "Invalid list request");

    private static bool TryReadLimit(StringValues values, out int limit)
    {
        limit = VideoPage.DefaultLimit;
        if (values.Count == 0)
        {
            return true;
        }

        return values.Count == 1
            && !string.IsNullOrEmpty(values[0])
            && values[0]!.All(char.IsAsciiDigit)
            && int.TryParse(values[0], NumberStyles.None, CultureInfo.InvariantCulture, out limit)
            && limit is >= 1 and <= VideoPage.MaxLimit;
    }
}
