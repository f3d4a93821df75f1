namespace ShortVideo.Ranking.Engine;

/// <summary>Which part of the engine put a video on the page.</summary>
public enum RecommendationSource
{
    /// <summary>Retrieved by the user's learned vector (and re-ranked).</summary>
    Personalized = 0,

    /// <summary>A new video given an exploration slot by the bandit.</summary>
    Exploration = 1,

    /// <summary>The popular fallback: a cold user, or too few personalized candidates.</summary>
    Popular = 2,

    /// <summary>The last resort when nothing else is left: the newest catalog videos not yet on the page.</summary>
    Newest = 3,
}
