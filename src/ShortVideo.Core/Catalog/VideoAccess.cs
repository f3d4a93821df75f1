namespace ShortVideo.Catalog;

/// <summary>
/// Who may see and change a video: the one rule every surface applies (metadata, playlists, segments, posters,
/// storyboards, and feeds, search and links as they come). A video the viewer may not see does not exist for
/// them: callers answer exactly as they do for an unknown id (404), never 403, so its id leaks nothing.
/// </summary>
public static class VideoAccess
{
    /// <summary>
    /// Whether <paramref name="viewerId"/> (null: anonymous) may see <paramref name="video"/>: a public video
    /// anyone, a private one only its creator.
    /// </summary>
    public static bool CanView(VideoRecord video, string? viewerId)
    {
        ArgumentNullException.ThrowIfNull(video);
        return video.Visibility == VideoVisibility.Public || IsCreator(video, viewerId);
    }

    /// <summary>Whether <paramref name="viewerId"/> may change <paramref name="video"/> (visibility, deletion): its creator only.</summary>
    public static bool CanManage(VideoRecord video, string? viewerId)
    {
        ArgumentNullException.ThrowIfNull(video);
        return IsCreator(video, viewerId);
    }

    /// <summary>The video if <paramref name="viewerId"/> may see it; null when it does not exist or they may not (answer both alike).</summary>
    public static async ValueTask<VideoRecord?> GetVisibleAsync(this IVideoCatalog catalog, string videoId, string? viewerId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        var video = await catalog.GetAsync(videoId, cancellationToken).ConfigureAwait(false);
        return video is not null && CanView(video, viewerId) ? video : null;
    }

    /// <summary>The video if <paramref name="viewerId"/> may change it; null when it does not exist or they may not.</summary>
    public static async ValueTask<VideoRecord?> GetManageableAsync(this IVideoCatalog catalog, string videoId, string? viewerId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        var video = await catalog.GetAsync(videoId, cancellationToken).ConfigureAwait(false);
        return video is not null && CanManage(video, viewerId) ? video : null;
    }

    private static bool IsCreator(VideoRecord video, string? viewerId) =>
        viewerId is not null && string.Equals(video.CreatorId, viewerId, StringComparison.Ordinal);
}
