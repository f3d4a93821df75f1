namespace ShortVideo.Catalog;

/// <summary>
/// Who may see and change a video, and what of its links a viewer may learn: the one rule every surface applies
/// (metadata, playlists, segments, posters, storyboards, and feeds, search and links as they come). A video the
/// viewer may not see does not exist for them: callers answer exactly as they do for an unknown id (404), never
/// 403, and its id appears in no field they are shown. <see cref="VisibleVideos"/> adds the block rule and is what a
/// surface naming one video asks.
/// </summary>
public static class VideoAccess
{
    /// <summary>
    /// Whether <paramref name="viewer"/> may see <paramref name="video"/>: a public video anyone, a private one only
    /// its creator and moderators.
    /// </summary>
    public static bool CanView(VideoRecord video, VideoViewer viewer)
    {
        ArgumentNullException.ThrowIfNull(video);
        ArgumentNullException.ThrowIfNull(viewer);
        return video.Visibility == VideoVisibility.Public || viewer.IsModerator || IsCreator(video, viewer.UserId);
    }

    /// <summary>Whether the user <paramref name="viewerId"/> (null: anonymous), who is not a moderator, may see <paramref name="video"/>.</summary>
    public static bool CanView(VideoRecord video, string? viewerId) => CanView(video, new VideoViewer(viewerId));

    /// <summary>Whether <paramref name="viewerId"/> may change <paramref name="video"/> (visibility, deletion): its creator only.</summary>
    public static bool CanManage(VideoRecord video, string? viewerId)
    {
        ArgumentNullException.ThrowIfNull(video);
        return IsCreator(video, viewerId);
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
