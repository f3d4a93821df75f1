using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Net.Http.Headers;
using ShortVideo.Catalog;
using ShortVideo.Hosting.Auth;
using ShortVideo.Media.Storage;

namespace ShortVideo.Hosting.Media;

/// <summary>
/// Processed media at /media/{videoId}/{version}/{path}: HLS playlists and segments, posters, storyboards.
/// Outside /api/v1 so players fetch it without a token; a private video's media needs its owner's token
/// (hls.js sends it from xhrSetup) and answers everyone else exactly like a video that does not exist (404,
/// <see cref="VisibleVideos"/>). The block rule applies where the request says who asks (a bearer token, as hls.js
/// sends it): a viewer blocked either way with the creator gets the same 404. A public video's media stays readable
/// without a token (players, CDNs and shared caches fetch it anonymously; its cache entries are public), so a block
/// hides the media from a signed-in player, not from someone who drops their token (nor from a cache that kept a copy
/// from before the block: segments are immutable). Only the version the catalog points at is served, so a
/// half-published or replaced version is never visible.
/// </summary>
internal static class MediaEndpoints
{
    public const string CorsPolicy = "media";

    /// <summary>Segments, init segments and images of a version never change.</summary>
    private const string ImmutableCaching = "public, max-age=31536000, immutable";

    /// <summary>Playlists are small and cheap to refetch; a short lifetime keeps replaced versions from lingering.</summary>
    private const string PlaylistCaching = "public, max-age=30";

    public static IEndpointConventionBuilder MapMedia(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapMethods("/media/{videoId}/{version}/{**path}", ["GET", "HEAD"], GetAsync).RequireCors(CorsPolicy);

    /// <summary>The media URL of a file of the video's published version.</summary>
    public static string Url(HttpRequest request, VideoRecord video, string path) =>
        $"{request.Scheme}://{request.Host}{request.PathBase}/media/{video.Id}/{video.MediaVersion}/{path}";

    private static async Task<IResult> GetAsync(string videoId, string version, string path, VisibleVideos videos, IMediaStore store, HttpContext http)
    {
        if (!MediaPaths.IsValidName(videoId) || !MediaPaths.IsValidName(version) || !MediaPaths.IsValidRelativePath(path))
        {
            return NotFound();
        }

        var video = await videos.FindAsync(videoId, http.User.GetViewer(), http.RequestAborted).ConfigureAwait(false);
        if (video is null || video.Status != VideoStatus.Ready || !string.Equals(video.MediaVersion, version, StringComparison.Ordinal))
        {
            return NotFound();
        }

        var isPrivate = video.Visibility == VideoVisibility.Private;

        var media = await store.GetAsync(video.MediaKey, version, path, http.RequestAborted).ConfigureAwait(false);
        if (media is null)
        {
            return NotFound();
        }

        var playlist = path.EndsWith(".m3u8", StringComparison.OrdinalIgnoreCase);
        var caching = playlist ? PlaylistCaching : ImmutableCaching;
        http.Response.Headers.CacheControl = isPrivate ? caching.Replace("public", "private", StringComparison.Ordinal) : caching;
        if (isPrivate)
        {
            http.Response.Headers.Vary = HeaderNames.Authorization;
        }

        return new MediaObjectResult(media, MediaPaths.ContentType(path));
    }

    private static IResult NotFound() => Results.Problem(
        detail: "No such media: the video does not exist, is not ready, or the file is not part of it.",
        statusCode: StatusCodes.Status404NotFound,
        title: "Media not found");
}
