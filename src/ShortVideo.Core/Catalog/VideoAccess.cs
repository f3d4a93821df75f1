namespace ShortVideo.Catalog;

/// <summary>
/// Who may see and change a video, and what of its links a viewer may learn: the one rule every surface applies
/// (metadata, playlists, segments, posters, storyboards, and feeds, search and links as they come). A video the
/// viewer may not see does not exist for them: callers answer exactly as they do for an unknown id (404), never
/// 403, and its id appears in no field they are shown.
/// </summary>
public static class VideoAccess
{
    // Copies of identical bytes are rare; a cap keeps a pathological upload storm from making every read scan them all.
    private const int SameBytesScanLimit = 1000;

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

    /// <summary>
    /// The video as <paramref name="viewer"/> may see it (<see cref="ShownToAsync"/>), or null when it does not exist
    /// or they may not see it: answer both alike.
    /// </summary>
    public static async ValueTask<VideoRecord?> GetVisibleAsync(this IVideoCatalog catalog, string videoId, VideoViewer viewer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(viewer);
        var video = await catalog.GetAsync(videoId, cancellationToken).ConfigureAwait(false);
        return video is not null && CanView(video, viewer)
            ? await catalog.ShownToAsync(video, viewer, cancellationToken).ConfigureAwait(false)
            : null;
    }

    /// <summary>The video if <paramref name="viewerId"/> may change it; null when it does not exist or they may not.</summary>
    public static async ValueTask<VideoRecord?> GetManageableAsync(this IVideoCatalog catalog, string videoId, string? viewerId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        var video = await catalog.GetAsync(videoId, cancellationToken).ConfigureAwait(false);
        return video is not null && CanManage(video, viewerId) ? video : null;
    }

    /// <summary>
    /// <paramref name="video"/> with what it says about other videos cut to what <paramref name="viewer"/> may see:
    /// <see cref="VideoRecord.NearDuplicateOf"/> only when the viewer may see that video, and
    /// <see cref="VideoRecord.Deduplicated"/> only when another video with the same bytes is one the viewer may
    /// see; otherwise the flag would confirm that someone (privately) holds exactly these bytes. Moderators see both
    /// as stored. The owner is no exception: uploading a copy of a stranger's private video must not reveal it.
    /// </summary>
    public static async ValueTask<VideoRecord> ShownToAsync(this IVideoCatalog catalog, VideoRecord video, VideoViewer viewer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(video);
        ArgumentNullException.ThrowIfNull(viewer);
        if (viewer.IsModerator)
        {
            return video;
        }

        var shown = video;
        if (video.NearDuplicateOf is { } originalId)
        {
            var original = await catalog.GetAsync(originalId, cancellationToken).ConfigureAwait(false);
            if (original is null || !CanView(original, viewer))
            {
                shown = shown with { NearDuplicateOf = null };
            }
        }

        if (video.Deduplicated && !await SameBytesVisibleAsync(catalog, video, viewer, cancellationToken).ConfigureAwait(false))
        {
            shown = shown with { Deduplicated = false };
        }

        return shown;
    }

    private static async ValueTask<bool> SameBytesVisibleAsync(IVideoCatalog catalog, VideoRecord video, VideoViewer viewer, CancellationToken cancellationToken)
    {
        foreach (var other in await catalog.ListBySha256Async(video.Sha256, SameBytesScanLimit, cancellationToken).ConfigureAwait(false))
        {
            if (!string.Equals(other.Id, video.Id, StringComparison.Ordinal) && CanView(other, viewer))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsCreator(VideoRecord video, string? viewerId) =>
        viewerId is not null && string.Equals(video.CreatorId, viewerId, StringComparison.Ordinal);
}
