using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using ShortVideo.Catalog;

namespace ShortVideo.Hosting.Videos;

/// <summary>Catalog reads at /api/v1/videos.</summary>
internal static class VideoEndpoints
{
    public static RouteGroupBuilder MapVideos(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/v1/videos").RequireAuthorization();
        group.MapGet("/{id}", GetAsync);
        return group;
    }

    private static async Task<IResult> GetAsync(string id, IVideoCatalog videos, HttpContext http)
    {
        var video = await videos.GetAsync(id, http.RequestAborted).ConfigureAwait(false);
        return video is null
            ? Results.Problem(detail: $"No video with id '{(id.Length > 40 ? id[..40] : id)}' exists.", statusCode: StatusCodes.Status404NotFound, title: "Video not found")
            : Results.Json(VideoResponse.From(video), HostingJson.Default.VideoResponse);
    }
}
