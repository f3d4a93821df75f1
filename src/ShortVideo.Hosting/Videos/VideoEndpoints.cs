using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using System.Text.Json;
using ShortVideo.Catalog;
using ShortVideo.Hosting.Auth;
using ShortVideo.Media.Pipeline;

namespace ShortVideo.Hosting.Videos;

/// <summary>Catalog reads and the owner's changes at /api/v1/videos.</summary>
internal static class VideoEndpoints
{
    public static RouteGroupBuilder MapVideos(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/v1/videos").RequireAuthorization();
        group.MapGet("/", VideoListEndpoint.ListAsync);
        group.MapGet("/{id}", GetAsync);
        group.MapPatch("/{id}", ChangeAsync);
        group.MapDelete("/{id}", DeleteAsync);
        return group;
    }

    private static async Task<IResult> GetAsync(string id, VisibleVideos videos, HttpContext http)
    {
        var video = await videos.GetAsync(id, http.User.GetViewer(), http.RequestAborted).ConfigureAwait(false);
        return video is null ? NotFound(id) : Results.Json(VideoResponse.From(video, http.Request), HostingJson.Default.VideoResponse);
    }

    /// <summary>The owner changes the visibility; everyone else gets 404, as if the video did not exist.</summary>
    private static async Task<IResult> ChangeAsync(string id, IVideoCatalog videos, VisibleVideos visible, VideoVisibilityChange changes, HttpContext http)
    {
        var video = await videos.GetManageableAsync(id, http.User.GetUserId(), http.RequestAborted).ConfigureAwait(false);
        if (video is null)
        {
            return NotFound(id);
        }

        VideoChangeRequest? change;
        try
        {
            change = await http.Request.ReadFromJsonAsync(HostingJson.Default.VideoChangeRequest, http.RequestAborted).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            return BadRequest("The body must be a JSON object such as {\"visibility\":\"private\"}.");
        }

        var visibility = change?.Visibility switch
        {
            "public" => VideoVisibility.Public,
            "private" => VideoVisibility.Private,
            null => video.Visibility,
            var other => (VideoVisibility?)null,
        };
        if (visibility is null)
        {
            return BadRequest($"visibility '{change!.Visibility}' is not valid: use public or private.");
        }

        // Through the lifecycle: a video made private leaves the feeds and indexes before this answers.
        video = await changes.ChangeAsync(video, visibility.Value, http.RequestAborted).ConfigureAwait(false);
        if (video is null)
        {
            return NotFound(id);
        }

        var shown = await visible.ShownToAsync(video, http.User.GetViewer(), http.RequestAborted).ConfigureAwait(false);
        return Results.Json(VideoResponse.From(shown, http.Request), HostingJson.Default.VideoResponse);
    }

    /// <summary>The creator deletes a video (204); everyone else gets 404, as if it did not exist.</summary>
    private static async Task<IResult> DeleteAsync(string id, VideoDeletion deletion, HttpContext http) =>
        await deletion.DeleteAsync(id, http.User.GetUserId(), http.RequestAborted).ConfigureAwait(false) ? Results.NoContent() : NotFound(id);

    private static IResult NotFound(string id) =>
        Results.Problem(detail: $"No video with id '{(id.Length > 40 ? id[..40] : id)}' exists.", statusCode: StatusCodes.Status404NotFound, title: "Video not found");

    private static IResult BadRequest(string detail) =>
        Results.Problem(detail: detail, statusCode: StatusCodes.Status400BadRequest, title: "Invalid video change");
}
