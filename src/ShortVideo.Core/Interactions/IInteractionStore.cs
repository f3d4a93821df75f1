namespace ShortVideo.Interactions;

/// <summary>
/// What users did to videos, durably: likes, "not interested", watch history, and the log of accepted client events
/// that de-duplicates them by (user, client event id). Counters are kept elsewhere (<see cref="ICounterStore"/>).
/// </summary>
public interface IInteractionStore
{
    /// <summary>Likes (or un-likes) the video; true when that changed anything (a second like changes nothing).</summary>
    ValueTask<bool> SetLikedAsync(string userId, string videoId, bool liked, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>Marks the video "not interested" for the user; true when it was not marked yet.</summary>
    ValueTask<bool> MarkNotInterestedAsync(string userId, string videoId, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>
    /// Logs <paramref name="events"/> of <paramref name="userId"/>, each at most once per client event id (within the
    /// list and across calls), and adds views and completes to the watch history, in one write. Returns, in order,
    /// whether each event is new (false: a repeat, which must have no effect).
    /// </summary>
    ValueTask<IReadOnlyList<bool>> RecordAsync(string userId, IReadOnlyList<ClientInteraction> events, DateTimeOffset receivedAt, CancellationToken cancellationToken);

    /// <summary>Forgets a deleted video: its likes, marks and watch history. Returns how many likes it had.</summary>
    ValueTask<long> ForgetVideoAsync(string videoId, CancellationToken cancellationToken);

    /// <summary>Drops logged events received before <paramref name="before"/>: no client may repeat them any more.</summary>
    ValueTask PruneEventsAsync(DateTimeOffset before, CancellationToken cancellationToken);
}

/// <summary>An interaction as a client posted it, with the id that de-duplicates it.</summary>
/// <param name="ClientEventId">The client's id for the event; a repeat of it counts once.</param>
/// <param name="Interaction">The interaction.</param>
public readonly record struct ClientInteraction(string ClientEventId, UserInteraction Interaction);
