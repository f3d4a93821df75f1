using Microsoft.Extensions.Logging;

namespace ShortVideo.Catalog;

/// <summary>
/// The owner makes a video public or private. A ready video's listeners (ranking, search, feeds) hear it at once as
/// <see cref="IVideoLifecycleListener.VideoReadyAsync"/> with the new visibility, which they check: a video made
/// private leaves every index before the owner's request returns, one made public joins them. Registered by
/// <c>AddMediaPipeline()</c>.
/// </summary>
public sealed class VideoVisibilityChange
{
    private readonly IVideoCatalog _catalog;
    private readonly VideoLifecycle _lifecycle;

    /// <summary>Changes over <paramref name="catalog"/>, told to <paramref name="listeners"/>.</summary>
    public VideoVisibilityChange(IVideoCatalog catalog, IEnumerable<IVideoLifecycleListener> listeners, ILogger<VideoVisibilityChange> logger)
    {
        _catalog = catalog;
        _lifecycle = new VideoLifecycle(listeners, logger);
    }

    /// <summary>Stores <paramref name="video"/> with <paramref name="visibility"/> and returns it; null when the record is gone.</summary>
    public async Task<VideoRecord?> ChangeAsync(VideoRecord video, VideoVisibility visibility, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(video);
        var changed = video with { Visibility = visibility };
        if (!await _catalog.UpdateAsync(changed, cancellationToken).ConfigureAwait(false))
        {
            return null;
        }

        if (changed.Status == VideoStatus.Ready && visibility != video.Visibility)
        {
            await _lifecycle.ReadyAsync(changed, cancellationToken).ConfigureAwait(false);
        }

        return changed;
    }
}
