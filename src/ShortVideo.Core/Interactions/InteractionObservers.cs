using Microsoft.Extensions.Logging;

namespace ShortVideo.Interactions;

/// <summary>Tells every registered <see cref="IInteractionObserver"/>; one observer's failure is logged and the others still hear.</summary>
internal sealed partial class InteractionObservers(IEnumerable<IInteractionObserver> observers, ILogger<InteractionObservers> logger)
{
    private readonly IInteractionObserver[] _observers = [.. observers];

    public async ValueTask NotifyAsync(IReadOnlyList<UserInteraction> interactions, CancellationToken cancellationToken)
    {
        if (interactions.Count == 0)
        {
            return;
        }

        foreach (var observer in _observers)
        {
            try
            {
                await observer.ObserveAsync(interactions, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception failure) when (failure is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                LogObserverFailed(failure, observer.GetType().Name, interactions.Count);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "{Observer} failed on {Count} interactions")]
    private partial void LogObserverFailed(Exception failure, string observer, int count);
}
