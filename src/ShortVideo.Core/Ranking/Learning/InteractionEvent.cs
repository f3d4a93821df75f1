namespace ShortVideo.Ranking.Learning;

/// <summary>One interaction of a user with a video, as the online learner consumes it.</summary>
/// <param name="UserId">The viewer.</param>
/// <param name="VideoId">The video (it must have been added to the ranking engine, or the event is ignored).</param>
/// <param name="Kind">What happened.</param>
/// <param name="WatchRatio">
/// Watched time over duration for <see cref="InteractionKind.View"/> (re-watches go above 1, up to
/// <see cref="InteractionEvent.MaxWatchRatio"/>); ignored for the other kinds. NaN, infinities and negative values are rejected.
/// </param>
public readonly record struct InteractionEvent(long UserId, long VideoId, InteractionKind Kind, float WatchRatio = 0)
{
    /// <summary>Largest accepted watch ratio: ten loops of a video; more is a client bug, not a signal.</summary>
    public const float MaxWatchRatio = 10f;
}
