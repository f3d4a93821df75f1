using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using ShortVideo.Catalog;
using ShortVideo.Comments;
using ShortVideo.Hosting.Auth;
using ShortVideo.Hosting.Paging;
using ShortVideo.Hosting.RateLimiting;
using ShortVideo.Paging;
using ShortVideo.Social;

namespace ShortVideo.Hosting.Social;

/// <summary>
/// GET|POST /api/v1/videos/{id}/comments (top-level comments, newest first, with reply counts), GET
/// /api/v1/comments/{id}/replies (oldest first), DELETE /api/v1/comments/{id} (author or the video's creator).
/// </summary>
internal static class CommentEndpoints
{
    // 2,200 characters of up to 4 UTF-8 bytes, escaped: well under this.
    private const int MaxBodyBytes = 32 * 1024;

    private const string Example = "{\"text\":\"Nice!\"} or {\"text\":\"Thanks\",\"parentId\":\"...\"}";

    public static void MapComments(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api/v1").RequireAuthorization();
        api.MapGet("/videos/{id}/comments", ListAsync);
        api.MapPost("/videos/{id}/comments", AddAsync).RequireRateLimiting(UserRateLimits.Comments.PolicyName);
        api.MapGet("/comments/{id}/replies", ListRepliesAsync);
        api.MapDelete("/comments/{id}", DeleteAsync).RequireRateLimiting(UserRateLimits.Comments.PolicyName);
    }

    private static Task<IResult> ListAsync(string id, CommentService comments, IUserDirectory users, HttpContext http) =>
        ListPageAsync("comments:" + id, comments.ListAsync, id, SocialProblems.VideoNotFound, users, http);

    private static Task<IResult> ListRepliesAsync(string id, CommentService comments, IUserDirectory users, HttpContext http) =>
        ListPageAsync("replies:" + id, comments.ListRepliesAsync, id, SocialProblems.CommentNotFound, users, http);

    private static async Task<IResult> ListPageAsync(
        string list,
        Func<VideoViewer, string, ListPosition?, int, CancellationToken, ValueTask<CommentPage?>> read,
        string id,
        Func<string, IResult> notFound,
        IUserDirectory users,
        HttpContext http)
    {
        if (!ListQuery.TryOpen(http, list, out var limit, out var position, out var problem))
        {
            return problem;
        }

        ListPosition? after = null;
        if (position is not null)
        {
            if (!TryParsePosition(position, out var parsed))
            {
                return ListQuery.CursorRefused();
            }

            after = parsed;
        }

        var page = await read(http.User.GetViewer(), id, after, limit, http.RequestAborted).ConfigureAwait(false);
        return page is null ? notFound(id) : await PageAsync(page, list, users, http).ConfigureAwait(false);
    }

    private static async Task<IResult> AddAsync(string id, CommentService comments, IUserDirectory users, HttpContext http)
    {
        var (request, problem) = await JsonBody.ReadAsync(http, SocialJson.Default.CommentRequest, MaxBodyBytes, Example).ConfigureAwait(false);
        if (request is null)
        {
            return problem!;
        }

        var viewer = http.User.GetViewer();
        var result = await comments.AddAsync(viewer, id, request.ParentId, request.Text, http.RequestAborted).ConfigureAwait(false);
        switch (result.Status)
        {
            case CommentStatus.NotFound:
                return SocialProblems.VideoNotFound(id);
            case CommentStatus.Invalid:
                return SocialProblems.BadRequest(result.Error!, "Invalid comment");
        }

        var comment = result.Comment!;
        var authors = await users.GetManyAsync([comment.AuthorId], http.RequestAborted).ConfigureAwait(false);
        return Results.Json(CommentResponse.From(comment, authors), SocialJson.Default.CommentResponse, statusCode: StatusCodes.Status201Created);
    }

    private static async Task<IResult> DeleteAsync(string id, CommentService comments, HttpContext http) =>
        await comments.DeleteAsync(http.User.GetViewer(), id, http.RequestAborted).ConfigureAwait(false) switch
        {
            CommentStatus.Deleted => Results.NoContent(),
            CommentStatus.Forbidden => SocialProblems.Forbidden("Only the comment's author or the video's creator may delete it."),
            _ => SocialProblems.CommentNotFound(id),
        };

    private static async Task<IResult> PageAsync(CommentPage page, string list, IUserDirectory users, HttpContext http)
    {
        var authorIds = new HashSet<string>(StringComparer.Ordinal);
        foreach (var comment in page.Items)
        {
            authorIds.Add(comment.AuthorId);
        }

        var authors = await users.GetManyAsync(authorIds, http.RequestAborted).ConfigureAwait(false);
        var items = new CommentResponse[page.Items.Count];
        for (var i = 0; i < items.Length; i++)
        {
            items[i] = CommentResponse.From(page.Items[i], authors);
        }

        var next = page.Next is { } position ? string.Create(CultureInfo.InvariantCulture, $"{position.Key}.{position.Id}") : null;
        return Results.Json(new CommentListResponse(items, ListQuery.Seal(http, list, next)), SocialJson.Default.CommentListResponse);
    }

    /// <summary>Reads the "{key}.{id}" position text <see cref="PageAsync"/> sealed into a cursor.</summary>
    private static bool TryParsePosition(string text, out ListPosition position)
    {
        position = default;
        var dot = text.IndexOf('.', StringComparison.Ordinal);
        if (dot <= 0 || dot == text.Length - 1
            || !long.TryParse(text.AsSpan(0, dot), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var key))
        {
            return false;
        }

        position = new ListPosition(key, text[(dot + 1)..]);
        return true;
    }
}
