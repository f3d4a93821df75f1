namespace ShortVideo.Ranking.Exploration;

/// <summary>How new videos get a fair chance in feeds (configuration section <c>Ranking:Exploration</c>).</summary>
public sealed class ExplorationOptions
{
    /// <summary>Configuration section.</summary>
    public const string SectionName = "Ranking:Exploration";

    /// <summary>Share of a feed page given to exploration (0 to 1); the rest comes from retrieval.</summary>
    public double SlotShare { get; set; } = 0.2;

    /// <summary>A video is explored until it has this many impressions; then retrieval alone ranks it.</summary>
    public int GraduateAfterImpressions { get; set; } = 200;

    /// <summary>The freshness boost halves every this long after publication.</summary>
    public TimeSpan FreshnessHalfLife { get; set; } = TimeSpan.FromHours(6);

    /// <summary>Boost of a just-published video: its sampled completion rate is multiplied by 1 + this.</summary>
    public double FreshnessWeight { get; set; } = 0.5;

    /// <summary>
    /// At most this many videos are explored at once: the newest. A catalog loaded at start registers every video it
    /// holds; without a bound a million old, never-shown videos would all stay "new" and every pick would draw for each.
    /// </summary>
    public int MaxVideos { get; set; } = 10_000;

    /// <summary>
    /// Videos drawn for one pick: when more are explored, a uniform random sample of this many competes (Thompson
    /// sampling over a random subset), so a pick costs the same at ten thousand explored videos as at a few hundred.
    /// </summary>
    public int PickSample { get; set; } = 256;

    /// <summary>Beta prior of the completion rate (1, 1: uniform, nothing assumed about a new video).</summary>
    public double PriorCompletions { get; set; } = 1;

    /// <inheritdoc cref="PriorCompletions"/>
    public double PriorSkips { get; set; } = 1;
}
