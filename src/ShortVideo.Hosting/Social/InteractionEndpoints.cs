using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using ShortVideo.Hosting.Auth;
using ShortVideo.Hosting.RateLimiting;
using ShortVideo.Interactions;

namespace ShortVideo.Hosting.Social;

/// <summary>POST /api/v1/events, PUT|DELETE /api/v1/videos/{id}/like, PUT /api/v1/videos/{id}/not-interested.</summary>
internal static class InteractionEndpoints
{
    // 500 events of a few hundred bytes each, with room to spare; anything bigger is not a batch of ours.
    private const int MaxEventBodyBytes = 512 * 1024;

    private const string EventExample = "{\"events\":[{\"clientEventId\":\"e1\",\"type\":\"view\",\"videoId\":\"...\",\"at\":\"2026-01-01T00:00:00Z\",\"watchMs\":3000,\"durationMs\":9000}]}";

    public static void MapInteractions(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api/v1").RequireAuthorization();
        api.MapPost("/events", PostEventsAsync).RequireRateLimiting(UserRateLimits.Events.PolicyName);
        api.MapPut("/videos/{id}/like", (string id, InteractionService service, HttpContext http) => LikeAsync(id, true, service, http))
            .RequireRateLimiting(UserRateLimits.Likes.PolicyName);
        api.MapDelete("/videos/{id}/like", (string id, InteractionService service, HttpContext http) => LikeAsync(id, false, service, http))
            .RequireRateLimiting(UserRateLimits.Likes.PolicyName);
        api.MapPut("/videos/{id}/not-interested", NotInterestedAsync).RequireRateLimiting(UserRateLimits.Likes.PolicyName);
    }

    private static async Task<IResult> PostEventsAsync(HttpContext http, InteractionService service, TimeProvider time)
    {
        var (bytes, problem) = await JsonBody.ReadBytesAsync(http, MaxEventBodyBytes).ConfigureAwait(false);
        if (bytes is null)
        {
            return problem!;
        }

        EventBatchRequest? batch;
        try
        {
            batch = System.Text.Json.JsonSerializer.Deserialize(bytes, SocialJson.Default.EventBatchRequest);
        }
        catch (System.Text.Json.JsonException failure)
        {
            return SocialProblems.BadRequest(EventPath.Describe(failure) ?? JsonBody.Describe(failure, EventExample), "Invalid event batch");
        }

        var userId = http.User.GetUserId();
        if (!ClientEvents.TryParse(userId, batch?.Events, time.GetUtcNow(), out var events, out var error))
        {
            return SocialProblems.BadRequest(error, "Invalid event batch");
        }

        var result = await service.RecordAsync(userId, events, http.RequestAborted).ConfigureAwait(false);
        return Results.Json(new EventBatchResponse(result.Accepted, result.Duplicates, result.Ignored), SocialJson.Default.EventBatchResponse);
    }

    private static async Task<IResult> LikeAsync(string id, bool like, InteractionService service, HttpContext http)
    {
        var state = await service.SetLikedAsync(http.User.GetViewer(), id, like, http.RequestAborted).ConfigureAwait(false);
        return state is { } s
            ? Results.Json(new LikeResponse(id, s.Liked, s.LikeCount), SocialJson.Default.LikeResponse)
            : SocialProblems.VideoNotFound(id);
    }

    private static async Task<IResult> NotInterestedAsync(string id, InteractionService service, HttpContext http) =>
        await service.MarkNotInterestedAsync(http.User.GetViewer(), id, http.RequestAborted).ConfigureAwait(false)
            ? Results.Json(new NotInterestedResponse(id, true), SocialJson.Default.NotInterestedResponse)
            : SocialProblems.VideoNotFound(id);
}
