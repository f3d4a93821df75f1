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
    /// list and across calls), adds views and completes to the watch history and shares to the share log, in one
    /// write. Returns, in order, what became of each event: a repeat must have no effect, and a view or share counts
    /// only when the user's previous one of that video is at least <see cref="ClientEvents.RecountAfter"/> older.
    /// </summary>
    ValueTask<IReadOnlyList<EventOutcome>> RecordAsync(string userId, IReadOnlyList<ClientInteraction> events, DateTimeOffset receivedAt, CancellationToken cancellationToken);

    /// <summary>Forgets a deleted video: its likes, marks and watch history. Returns how many likes it had.</summary>
    ValueTask<long> ForgetVideoAsync(string videoId, CancellationToken cancellationToken);

    /// <summary>Drops logged events received before <paramref name="before"/>: no client may repeat them any more.</summary>
    ValueTask PruneEventsAsync(DateTimeOffset before, CancellationToken cancellationToken);
}

/// <summary>What became of one posted event.</summary>
public enum EventOutcome
{
    /// <summary>Its client event id was seen before: no effect.</summary>
    Repeat,

    /// <summary>Logged.</summary>
    Recorded,

    /// <summary>Logged, and a view or share that moves the video's counter.</summary>
    Counted,
}

/// <summary>An interaction as a client posted it, with the id that de-duplicates it.</summary>
/// <param name="ClientEventId">The client's id for the event; a repeat of it counts once.</param>
/// <param name="Interaction">The interaction.</param>
public readonly record struct ClientInteraction(string ClientEventId, UserInteraction Interaction);
