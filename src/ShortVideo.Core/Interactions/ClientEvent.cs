namespace ShortVideo.Interactions;

/// <summary>One event as a client posts it to <c>POST /api/v1/events</c>, before <see cref="ClientEvents.TryParse"/> checks it.</summary>
public sealed record ClientEvent
{
    /// <summary>The client's id for the event (1 to 100 characters); a repeat counts once.</summary>
    public string? ClientEventId { get; init; }

    /// <summary>impression, view, complete, like, unlike, share, skip, follow, unfollow or not_interested.</summary>
    public string? Type { get; init; }

    /// <summary>The video it concerns (every type but follow and unfollow, which may name a user instead).</summary>
    public string? VideoId { get; init; }

    /// <summary>The user followed or unfollowed (follow and unfollow; else the video's creator).</summary>
    public string? UserId { get; init; }

    /// <summary>When it happened on the client: at most a few minutes ahead of the server, at most 7 days old.</summary>
    public DateTimeOffset? At { get; init; }

    /// <summary>Milliseconds watched (view: required).</summary>
    public double? WatchMs { get; init; }

    /// <summary>The video's duration as played, in milliseconds (view).</summary>
    public double? DurationMs { get; init; }
}
