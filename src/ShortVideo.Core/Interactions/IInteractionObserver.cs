namespace ShortVideo.Interactions;

/// <summary>
/// Hears interactions once they are accepted and stored (each client event once): the ranking engine learns from
/// them, trending counts them. Register with <c>TryAddEnumerable</c>; must be quick (queue, do not compute) and must
/// not throw for an interaction it does not care about.
/// </summary>
public interface IInteractionObserver
{
    /// <summary>A batch of accepted interactions, in the order they were posted.</summary>
    ValueTask ObserveAsync(IReadOnlyList<UserInteraction> interactions, CancellationToken cancellationToken);
}
