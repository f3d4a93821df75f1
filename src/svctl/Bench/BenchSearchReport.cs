namespace ShortVideo.Cli.Bench;

/// <summary>
/// The one JSON object of <c>svctl bench search --json</c>. Latencies in milliseconds, measured around the index's
/// search call (connection from the pool, query planning, full-text reads), not HTTP.
/// </summary>
internal sealed record BenchSearchReport
{
    public int Captions { get; init; }

    public int Users { get; init; }

    public int Vocabulary { get; init; }

    public int Threads { get; init; }

    public double Seconds { get; init; }

    /// <summary>Time to index the captions and users through the index (batches of 2,000 captions).</summary>
    public double BuildSeconds { get; init; }

    /// <summary>Size of the database file holding the index (and an empty catalog).</summary>
    public long DatabaseBytes { get; init; }

    public long Queries { get; init; }

    public double QueriesPerSecond { get; init; }

    public double P50Ms { get; init; }

    public double P99Ms { get; init; }

    public double P999Ms { get; init; }

    /// <summary>Mean results per query (at most 20).</summary>
    public double MeanResults { get; init; }

    /// <summary>p99 per kind of query: words, prefix, typo, hashtag, user.</summary>
    public Dictionary<string, double> P99MsByKind { get; init; } = [];

    /// <summary>The baseline: one plain FTS5 MATCH of one exact word (20 rows, no ranking) on a kept-open connection, same threads.</summary>
    public double BaselineQueriesPerSecond { get; init; }

    public double BaselineP50Ms { get; init; }

    public double BaselineP99Ms { get; init; }

    /// <summary>Our p99 over the baseline's p99.</summary>
    public double P99Ratio { get; init; }

    /// <summary>Our queries/s over the baseline's.</summary>
    public double ThroughputRatio { get; init; }

    /// <summary>The machine's 1-minute load average when the timed phases ended (other work skews the figures).</summary>
    public double? LoadAverage { get; init; }
}
