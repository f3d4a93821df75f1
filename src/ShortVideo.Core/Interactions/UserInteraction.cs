namespace ShortVideo.Interactions;

/// <summary>One accepted interaction of a user, after validation and de-duplication by client event id.</summary>
/// <param name="UserId">Who acted.</param>
/// <param name="Kind">What they did.</param>
/// <param name="VideoId">The video it concerns (null for follow and unfollow without a video).</param>
/// <param name="TargetUserId">The user followed or unfollowed (null for the other kinds).</param>
/// <param name="At">When the client says it happened (checked to be plausible).</param>
/// <param name="WatchMs">Milliseconds watched, for views.</param>
/// <param name="DurationMs">The video's duration as the client played it, for views.</param>
public readonly record struct UserInteraction(
    string UserId,
    InteractionType Kind,
    string? VideoId,
    string? TargetUserId,
    DateTimeOffset At,
    long WatchMs = 0,
    long DurationMs = 0);

/// <summary>The interaction types of <c>POST /api/v1/events</c>.</summary>
public enum InteractionType
{
    /// <summary>The video was shown.</summary>
    Impression,

    /// <summary>A view ended after <see cref="UserInteraction.WatchMs"/>.</summary>
    View,

    /// <summary>The video was watched to the end.</summary>
    Complete,

    /// <summary>Liked.</summary>
    Like,

    /// <summary>Like withdrawn.</summary>
    Unlike,

    /// <summary>Shared.</summary>
    Share,

    /// <summary>Swiped away early.</summary>
    Skip,

    /// <summary>Followed the creator (of the video, or <see cref="UserInteraction.TargetUserId"/>).</summary>
    Follow,

    /// <summary>Unfollowed.</summary>
    Unfollow,

    /// <summary>"Not interested": never show this video again, and less like it.</summary>
    NotInterested,
}
