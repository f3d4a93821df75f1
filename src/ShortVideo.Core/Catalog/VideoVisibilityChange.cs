using Microsoft.Extensions.Logging;

namespace ShortVideo.Catalog;

/// <summary>
/// The owner's change of a video's visibility, told to every <see cref="IVideoLifecycleListener"/> (search, trending,
/// ranking), so a video made private leaves every list at once. Registered by <c>AddMediaPipeline()</c>.
/// </summary>
public sealed class VideoVisibilityChange
{
    private readonly IVideoCatalog _catalog;
    private readonly VideoLifecycle _lifecycle;

    /// <summary>The change over the catalog; the lifecycle's listeners hear it.</summary>
    public VideoVisibilityChange(IVideoCatalog catalog, IEnumerable<IVideoLifecycleListener> listeners, ILogger<VideoVisibilityChange> logger)
    {
        _catalog = catalog;
        _lifecycle = new VideoLifecycle(listeners, logger);
    }

    /// <summary>
    /// Stores <paramref name="video"/> with <paramref name="visibility"/> (the caller checked <see cref="VideoAccess.CanManage"/>)
    /// and tells the listeners when it changed; returns the stored record.
    /// </summary>
    public async Task<VideoRecord> ChangeAsync(VideoRecord video, VideoVisibility visibility, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(video);
        var changed = video with { Visibility = visibility };
        await _catalog.UpdateAsync(changed, cancellationToken).ConfigureAwait(false);
        if (visibility != video.Visibility)
        {
            await _lifecycle.VisibilityChangedAsync(changed, cancellationToken).ConfigureAwait(false);
        }

        return changed;
    }
}
