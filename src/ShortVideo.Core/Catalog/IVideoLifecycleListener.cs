namespace ShortVideo.Catalog;

/// <summary>
/// Told when a video becomes playable and when it is deleted: the ranking engine, the search index, trending and the
/// following inboxes listen (register with <c>TryAddEnumerable</c>). A listener must be quick (update an index, enqueue)
/// and idempotent: a video may be reported ready more than once (a retried job, a restart, and every change of its
/// visibility by its owner). Whether a ready video may be shown to others is the listener's to check
/// (<see cref="VideoRecord.Visibility"/>): a ready video that is private leaves the listener's index, one made public
/// again joins it. A failing listener is logged and does not fail the pipeline.
/// </summary>
public interface IVideoLifecycleListener
{
    /// <summary><paramref name="video"/> is <see cref="VideoStatus.Ready"/>: its media is published.</summary>
    ValueTask VideoReadyAsync(VideoRecord video, CancellationToken cancellationToken);

    /// <summary><paramref name="video"/> (its last record) was deleted; every index forgets it at once.</summary>
    ValueTask VideoDeletedAsync(VideoRecord video, CancellationToken cancellationToken);
}
