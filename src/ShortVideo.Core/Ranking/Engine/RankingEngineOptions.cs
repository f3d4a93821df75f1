namespace ShortVideo.Ranking.Engine;

/// <summary>How the engine assembles a page (configuration section <c>Ranking:Engine</c>).</summary>
public sealed class RankingEngineOptions
{
    /// <summary>Configuration section.</summary>
    public const string SectionName = "Ranking:Engine";

    /// <summary>Largest page one request may ask for.</summary>
    public int MaxPageSize { get; set; } = 500;

    /// <summary>
    /// Retrieval fetches this many candidates per personalized slot for the re-ranker to reorder (1: no
    /// re-ranking depth beyond the page).
    /// </summary>
    public int RerankDepthFactor { get; set; } = 3;

    /// <summary>Half-life of the popularity counts behind the popular fallback.</summary>
    public TimeSpan PopularityHalfLife { get; set; } = TimeSpan.FromDays(1);

    /// <summary>Seed of the exploration draws: same seed and same requests, same pages.</summary>
    public int Seed { get; set; } = 1;

    internal void Validate()
    {
        if (MaxPageSize is < 1 or > 10_000)
        {
            throw new InvalidOperationException($"Ranking:Engine:MaxPageSize must be between 1 and 10000; it is {MaxPageSize}.");
        }

        if (RerankDepthFactor is < 1 or > 100)
        {
            throw new InvalidOperationException($"Ranking:Engine:RerankDepthFactor must be between 1 and 100; it is {RerankDepthFactor}.");
        }

        if (PopularityHalfLife <= TimeSpan.Zero)
        {
            throw new InvalidOperationException($"Ranking:Engine:PopularityHalfLife must be positive; it is {PopularityHalfLife}.");
        }
    }
}
