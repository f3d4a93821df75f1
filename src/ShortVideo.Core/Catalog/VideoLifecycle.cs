using Microsoft.Extensions.Logging;

namespace ShortVideo.Catalog;

/// <summary>Tells every <see cref="IVideoLifecycleListener"/>; one listener's failure is logged and the others still hear.</summary>
internal sealed partial class VideoLifecycle(IEnumerable<IVideoLifecycleListener> listeners, ILogger logger)
{
    private readonly IVideoLifecycleListener[] _listeners = [.. listeners];

    public async Task ReadyAsync(VideoRecord video, CancellationToken cancellationToken)
    {
        foreach (var listener in _listeners)
        {
            try
            {
                await listener.VideoReadyAsync(video, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception failure) when (failure is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                LogListenerFailed(failure, listener.GetType().Name, "ready", video.Id);
            }
        }
    }

    public async Task DeletedAsync(VideoRecord video, CancellationToken cancellationToken)
    {
        foreach (var listener in _listeners)
        {
            try
            {
                await listener.VideoDeletedAsync(video, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception failure) when (failure is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                LogListenerFailed(failure, listener.GetType().Name, "deleted", video.Id);
            }
        }
    }

    public async Task VisibilityChangedAsync(VideoRecord video, CancellationToken cancellationToken)
    {
        foreach (var listener in _listeners)
        {
            try
            {
                await listener.VideoVisibilityChangedAsync(video, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception failure) when (failure is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                LogListenerFailed(failure, listener.GetType().Name, video.Visibility == VideoVisibility.Private ? "private" : "public", video.Id);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "{Listener} failed on video {VideoId} becoming {Change}")]
    private partial void LogListenerFailed(Exception failure, string listener, string change, string videoId);
}
