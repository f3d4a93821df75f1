using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using ShortVideo.Catalog;
using ShortVideo.Hosting.Auth;
using ShortVideo.Hosting.Feeds;
using ShortVideo.Hosting.Paging;
using ShortVideo.Hosting.RateLimiting;
using ShortVideo.Social;

namespace ShortVideo.Hosting.Social;

/// <summary>
/// Profiles, follows and blocks: GET /api/v1/users/{id}, GET /api/v1/users/{id}/videos, PUT|DELETE
/// /api/v1/users/{id}/follow and /block, GET|PATCH /api/v1/me. A user who blocked the viewer does not exist for them.
/// </summary>
internal static class UserEndpoints
{
    public static void MapUsers(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api/v1").RequireAuthorization();
        api.MapGet("/users/{id}", GetAsync);
        api.MapGet("/users/{id}/videos", ListVideosAsync);
        api.MapPut("/users/{id}/follow", (string id, SocialService social, HttpContext http) => FollowAsync(id, true, social, http))
            .RequireRateLimiting(UserRateLimits.Follows.PolicyName);
        api.MapDelete("/users/{id}/follow", (string id, SocialService social, HttpContext http) => FollowAsync(id, false, social, http))
            .RequireRateLimiting(UserRateLimits.Follows.PolicyName);
        api.MapPut("/users/{id}/block", (string id, SocialService social, HttpContext http) => BlockAsync(id, true, social, http))
            .RequireRateLimiting(UserRateLimits.Follows.PolicyName);
        api.MapDelete("/users/{id}/block", (string id, SocialService social, HttpContext http) => BlockAsync(id, false, social, http))
            .RequireRateLimiting(UserRateLimits.Follows.PolicyName);
        api.MapGet("/me", (SocialService social, HttpContext http) => GetAsync(http.User.GetUserId(), social, http));
        api.MapPatch("/me", ProfilePatch.PatchAsync);
    }

    private static async Task<IResult> GetAsync(string id, SocialService social, HttpContext http)
    {
        var profile = await social.GetProfileAsync(http.User.GetUserId(), id, http.RequestAborted).ConfigureAwait(false);
        return profile is null
            ? SocialProblems.UserNotFound(id)
            : Results.Json(ProfileResponse.From(profile, http.Request), SocialJson.Default.ProfileResponse);
    }

    private static async Task<IResult> ListVideosAsync(string id, SocialService social, VisibleVideos visible, HttpContext http)
    {
        var list = "videos:" + id;
        if (!ListQuery.TryOpen(http, list, out var limit, out var position, out var problem))
        {
            return problem;
        }

        VideoListCursor? after = null;
        if (position is not null && !VideoListCursor.TryParse(position, out after))
        {
            return ListQuery.CursorRefused();
        }

        var viewer = http.User.GetViewer();
        var page = await social.ListVideosAsync(viewer, id, after, limit, http.RequestAborted).ConfigureAwait(false);
        if (page is null)
        {
            return SocialProblems.UserNotFound(id);
        }

        var videos = new VideoRecord[page.Items.Count];
        for (var i = 0; i < videos.Length; i++)
        {
            videos[i] = await visible.ShownToAsync(page.Items[i], viewer, http.RequestAborted).ConfigureAwait(false);
        }

        return await FeedRequest.ListAsync(http, videos, ListQuery.Seal(http, list, page.Next?.Encode())).ConfigureAwait(false);
    }

    private static async Task<IResult> FollowAsync(string id, bool follow, SocialService social, HttpContext http)
    {
        var result = await social.SetFollowingAsync(http.User.GetUserId(), id, follow, http.RequestAborted).ConfigureAwait(false);
        return result.Status switch
        {
            FollowStatus.Done => Results.Json(new FollowResponse(id, result.Following, result.FollowerCount), SocialJson.Default.FollowResponse),
            FollowStatus.Self => SocialProblems.BadRequest("You cannot follow yourself.", "Invalid follow"),
            FollowStatus.ViewerBlocked => SocialProblems.Conflict("You blocked this user: unblock them before following."),
            _ => SocialProblems.UserNotFound(id),
        };
    }

    private static async Task<IResult> BlockAsync(string id, bool block, SocialService social, HttpContext http) =>
        await social.SetBlockedAsync(http.User.GetUserId(), id, block, http.RequestAborted).ConfigureAwait(false) switch
        {
            BlockStatus.Done => Results.Json(new BlockResponse(id, block), SocialJson.Default.BlockResponse),
            BlockStatus.Self => SocialProblems.BadRequest("You cannot block yourself.", "Invalid block"),
            _ => SocialProblems.UserNotFound(id),
        };
}
