namespace ShortVideo.Catalog;

/// <summary>
/// Told when a video becomes playable and when it is deleted: the ranking engine, the search index, trending and the
/// following inboxes listen (register with <c>TryAddEnumerable</c>). A listener must be quick (update an index, enqueue)
/// and idempotent: a video may be reported ready more than once (a retried job, a restart). Whether a ready video may
/// be shown to others is the listener's to check (<see cref="VideoRecord.Visibility"/>); a failing listener is logged
/// and does not fail the pipeline.
/// </summary>
public interface IVideoLifecycleListener
{
    /// <summary><paramref name="video"/> is <see cref="VideoStatus.Ready"/>: its media is published.</summary>
    ValueTask VideoReadyAsync(VideoRecord video, CancellationToken cancellationToken);

    /// <summary><paramref name="video"/> (its last record) was deleted; every index forgets it at once.</summary>
    ValueTask VideoDeletedAsync(VideoRecord video, CancellationToken cancellationToken);

    /// <summary>
    /// Its owner changed <paramref name="video"/>'s visibility: a video made private leaves every index at once, one
    /// made public again comes back. By default: <see cref="VideoReadyAsync"/> when it is ready and public,
    /// <see cref="VideoDeletedAsync"/> otherwise.
    /// </summary>
    ValueTask VideoVisibilityChangedAsync(VideoRecord video, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(video);
        return video.Status == VideoStatus.Ready && video.Visibility == VideoVisibility.Public
            ? VideoReadyAsync(video, cancellationToken)
            : VideoDeletedAsync(video, cancellationToken);
    }
}
