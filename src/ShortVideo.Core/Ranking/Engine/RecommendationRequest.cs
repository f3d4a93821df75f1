namespace ShortVideo.Ranking.Engine;

/// <summary>What a feed page asks of the ranking engine.</summary>
public sealed record RecommendationRequest
{
    /// <summary>The viewer (unknown users get exploration and popular videos).</summary>
    public required long UserId { get; init; }

    /// <summary>Videos wanted, 1 to <see cref="RankingEngineOptions.MaxPageSize"/>.</summary>
    public required int Count { get; init; }

    /// <summary>Videos never to return (already seen, already on earlier pages).</summary>
    public IReadOnlySet<long>? ExcludeVideos { get; init; }

    /// <summary>Creators the viewer blocked: none of their videos is returned.</summary>
    public IReadOnlySet<long>? BlockedCreators { get; init; }
}
