namespace ShortVideo.Cli.Bench;

/// <summary>What <c>svctl bench feed</c> seeds and how hard it drives the node.</summary>
internal sealed record BenchFeedSettings
{
    public int Users { get; init; } = 100_000;

    public int Videos { get; init; } = 1_000_000;

    public double Seconds { get; init; } = 30;

    /// <summary>Scrolling users in flight at once (each one HTTP request at a time).</summary>
    public int Concurrency { get; init; } = 32;

    /// <summary>Pages a user scrolls in one session, following nextCursor.</summary>
    public int PagesPerSession { get; init; } = 5;

    /// <summary>Whether the scrolling users post their view and like events between pages (off: pages alone, to separate their cost).</summary>
    public bool PostEvents { get; init; } = true;

    public int Seed { get; init; } = 1;
}
