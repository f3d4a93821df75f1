namespace ShortVideo.Feeds;

/// <summary>The ranking engine as it runs in a node (configuration section <c>Ranking</c>).</summary>
public sealed class RankingNodeOptions
{
    /// <summary>Configuration section.</summary>
    public const string SectionName = "Ranking";

    /// <summary>
    /// How often the learned model is saved under DataDir/ranking (it is also saved on shutdown): what a crash loses
    /// at most. A save pauses learning, not recommending.
    /// </summary>
    public TimeSpan SaveInterval { get; set; } = TimeSpan.FromMinutes(5);

    internal void Validate()
    {
        if (SaveInterval < TimeSpan.FromSeconds(1) || SaveInterval > TimeSpan.FromDays(1))
        {
            throw new InvalidOperationException($"Ranking:SaveInterval must be between 1 second and 1 day; it is {SaveInterval}.");
        }
    }
}
