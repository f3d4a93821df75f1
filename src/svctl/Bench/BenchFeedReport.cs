namespace ShortVideo.Cli.Bench;

/// <summary>The figures of one <c>svctl bench feed</c> run (also its <c>--json</c> object).</summary>
internal sealed record BenchFeedReport
{
    public int Users { get; init; }

    public int Videos { get; init; }

    public int Concurrency { get; init; }

    public double Seconds { get; init; }

    /// <summary>Whether the scrolling users posted events between pages (<c>--no-events</c> turns it off).</summary>
    public bool PostEvents { get; init; }

    public double SeedSeconds { get; init; }

    public double StartSeconds { get; init; }

    /// <summary>From starting the node until For You was served by the ranking engine (it loads the catalog first).</summary>
    public double RankingReadySeconds { get; init; }

    public long DatabaseBytes { get; init; }

    public long Pages { get; init; }

    public double PagesPerSecond { get; init; }

    public double P50Ms { get; init; }

    public double P99Ms { get; init; }

    public double P999Ms { get; init; }

    /// <summary>Pages that came back empty (nothing left to show the user).</summary>
    public long EmptyPages { get; init; }

    /// <summary>Responses other than 200 (For You and events).</summary>
    public long Errors { get; init; }

    public long EventBatches { get; init; }

    public long Events { get; init; }

    /// <summary>POST /api/v1/events latency (the scrolling users' other request), p50 and p99.</summary>
    public double EventsP50Ms { get; init; }

    public double EventsP99Ms { get; init; }

    /// <summary>Share of For You pages the node served from its candidate cache (node's own figure).</summary>
    public double CacheHitRatio { get; init; }

    /// <summary>Retrievals per batched scan (node's own figure).</summary>
    public double MeanRetrievalBatch { get; init; }

    /// <summary>GET /api/v1/me with the same client and concurrency: the floor any endpoint pays.</summary>
    public double FloorRequestsPerSecond { get; init; }

    public double FloorP50Ms { get; init; }

    public double FloorP99Ms { get; init; }

    public double? LoadAverage { get; init; }
}
