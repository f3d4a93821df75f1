namespace ShortVideo.Catalog;

/// <summary>
/// The videos a viewer may see, for every surface that names one video (metadata, media, comments, likes, events,
/// links between videos): <see cref="VideoAccess.CanView(VideoRecord, VideoViewer)"/> and the block rule, users who
/// blocked each other (either way) never see each other's videos. A video that fails either does not exist for the
/// viewer: callers answer exactly as for an unknown id. Creators always see their own videos and moderators every
/// video, blocks or not (a block must not hide a video from moderation). Lists apply the same rule with
/// <see cref="CanView(VideoRecord, VideoViewer, IReadOnlySet{string})"/> and the viewer's blocked set read once.
/// </summary>
public sealed class VisibleVideos
{
    // Copies of identical bytes are rare; a cap keeps a pathological upload storm from making every read scan them all.
    private const int SameBytesScanLimit = 1000;

    private readonly IVideoCatalog _catalog;
    private readonly IUserBlocks? _blocks;

    /// <summary>The rule over <paramref name="catalog"/>; without <paramref name="blocks"/> (no social graph) only visibility applies.</summary>
    public VisibleVideos(IVideoCatalog catalog, IUserBlocks? blocks)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        _catalog = catalog;
        _blocks = blocks;
    }

    /// <summary>Whether <paramref name="viewer"/> may see <paramref name="video"/>, given the users blocked either way with them.</summary>
    public static bool CanView(VideoRecord video, VideoViewer viewer, IReadOnlySet<string> blockedEitherWay)
    {
        ArgumentNullException.ThrowIfNull(video);
        ArgumentNullException.ThrowIfNull(viewer);
        ArgumentNullException.ThrowIfNull(blockedEitherWay);
        return VideoAccess.CanView(video, viewer) && (viewer.IsModerator || !blockedEitherWay.Contains(video.CreatorId));
    }

    /// <summary>Whether <paramref name="viewer"/> may see videos of <paramref name="creatorId"/> at all (no block either way).</summary>
    public async ValueTask<bool> MaySeeCreatorAsync(VideoViewer viewer, string creatorId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        ArgumentNullException.ThrowIfNull(creatorId);
        return _blocks is null
            || viewer.IsModerator
            || viewer.UserId is not { } viewerId
            || string.Equals(viewerId, creatorId, StringComparison.Ordinal)
            || !await _blocks.BlockedEitherWayAsync(viewerId, creatorId, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Whether <paramref name="viewer"/> may see <paramref name="video"/>: visibility, then the block rule.</summary>
    public async ValueTask<bool> CanViewAsync(VideoRecord video, VideoViewer viewer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(video);
        return VideoAccess.CanView(video, viewer) && await MaySeeCreatorAsync(viewer, video.CreatorId, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The stored video if <paramref name="viewer"/> may see it; null when it does not exist or they may not: answer both alike.</summary>
    public async ValueTask<VideoRecord?> FindAsync(string videoId, VideoViewer viewer, CancellationToken cancellationToken)
    {
        var video = await _catalog.GetAsync(videoId, cancellationToken).ConfigureAwait(false);
        return video is not null && await CanViewAsync(video, viewer, cancellationToken).ConfigureAwait(false) ? video : null;
    }

    /// <summary>
    /// The video as <paramref name="viewer"/> may see it (<see cref="ShownToAsync"/>), or null when it does not exist or
    /// they may not see it: answer both alike.
    /// </summary>
    public async ValueTask<VideoRecord?> GetAsync(string videoId, VideoViewer viewer, CancellationToken cancellationToken)
    {
        var video = await FindAsync(videoId, viewer, cancellationToken).ConfigureAwait(false);
        return video is null ? null : await ShownToAsync(video, viewer, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// <paramref name="video"/> with what it says about other videos cut to those <paramref name="viewer"/> may see
    /// (this rule, blocks included): <see cref="VideoRecord.NearDuplicateOf"/> only when the viewer may see that video,
    /// and <see cref="VideoRecord.Deduplicated"/> only when another video with the same bytes is one the viewer may see;
    /// otherwise the flag would confirm that someone hidden from them holds exactly these bytes. Moderators see both as
    /// stored. The owner is no exception: uploading a copy of a stranger's private video must not reveal it.
    /// </summary>
    public async ValueTask<VideoRecord> ShownToAsync(VideoRecord video, VideoViewer viewer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(video);
        ArgumentNullException.ThrowIfNull(viewer);
        if (viewer.IsModerator)
        {
            return video;
        }

        var shown = video;
        if (video.NearDuplicateOf is { } originalId && await FindAsync(originalId, viewer, cancellationToken).ConfigureAwait(false) is null)
        {
            shown = shown with { NearDuplicateOf = null };
        }

        if (video.Deduplicated && !await SameBytesVisibleAsync(video, viewer, cancellationToken).ConfigureAwait(false))
        {
            shown = shown with { Deduplicated = false };
        }

        return shown;
    }

    private async ValueTask<bool> SameBytesVisibleAsync(VideoRecord video, VideoViewer viewer, CancellationToken cancellationToken)
    {
        foreach (var other in await _catalog.ListBySha256Async(video.Sha256, SameBytesScanLimit, cancellationToken).ConfigureAwait(false))
        {
            if (!string.Equals(other.Id, video.Id, StringComparison.Ordinal) && await CanViewAsync(other, viewer, cancellationToken).ConfigureAwait(false))
            {
                return true;
            }
        }

        return false;
    }
}
