namespace ShortVideo.Ranking.Learning;

/// <summary>What a viewer did with a video; each kind is a differently weighted training signal.</summary>
public enum InteractionKind
{
    /// <summary>A view that ended; <see cref="InteractionEvent.WatchRatio"/> says how much was watched.</summary>
    View = 0,

    /// <summary>The viewer watched to the end.</summary>
    Complete = 1,

    /// <summary>The viewer liked the video.</summary>
    Like = 2,

    /// <summary>The viewer shared the video.</summary>
    Share = 3,

    /// <summary>The viewer swiped away early: a negative signal.</summary>
    Skip = 4,

    /// <summary>The viewer followed the creator from this video.</summary>
    Follow = 5,

    /// <summary>The viewer said "not interested": a stronger negative than a skip.</summary>
    NotInterested = 6,
}
