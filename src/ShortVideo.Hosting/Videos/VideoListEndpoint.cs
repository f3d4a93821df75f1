using Microsoft.AspNetCore.Http;
using ShortVideo.Catalog;
using ShortVideo.Hosting.Auth;
using ShortVideo.Hosting.Paging;

namespace ShortVideo.Hosting.Videos;

/// <summary>
/// GET /api/v1/videos?limit=&amp;cursor=: the caller's own videos, newest first, in pages (every status and
/// visibility: it is their list). The filter is the token's user and nothing else, so no parameter can reach
/// another user's videos; the cursor is signed and bound to the caller and this list (<see cref="ListQuery"/>).
/// </summary>
internal static class VideoListEndpoint
{
    private const string List = "my-videos";

    public static async Task<IResult> ListAsync(HttpContext http, IVideoCatalog videos)
    {
        if (!ListQuery.TryOpen(http, List, out var limit, out var position, out var problem))
        {
            return problem;
        }

        VideoListCursor? after = null;
        if (position is not null && !VideoListCursor.TryParse(position, out after))
        {
            return ListQuery.CursorRefused();
        }

        var page = await videos.ListByCreatorAsync(http.User.GetUserId(), after, limit, http.RequestAborted).ConfigureAwait(false);
        var items = new VideoResponse[page.Items.Count];
        for (var i = 0; i < items.Length; i++)
        {
            items[i] = VideoResponse.From(page.Items[i], http.Request);
        }

        return Results.Json(new VideoListResponse(items, ListQuery.Seal(http, List, page.Next?.Encode())), HostingJson.Default.VideoListResponse);
    }
}
