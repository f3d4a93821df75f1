namespace ShortVideo.Cli.Bench;

/// <summary>What <c>svctl bench search</c> was asked to measure (validated by the command).</summary>
internal sealed record BenchSearchSettings
{
    public int Captions { get; init; } = 1_000_000;

    /// <summary>Distinct words of the synthetic vocabulary.</summary>
    public int Vocabulary { get; init; } = 50_000;

    /// <summary>Threads issuing queries at once (--threads): the machine's cores by default.</summary>
    public int Threads { get; init; } = Environment.ProcessorCount;

    /// <summary>Seconds of each timed phase (mixed queries, then the baseline).</summary>
    public double Seconds { get; init; } = 10;

    public int Seed { get; init; } = 42;
}
