namespace ShortVideo.Feeds.ForYou;

/// <summary>
/// What the For You feed of this process did since start, for benchmarks and operators (<c>svctl bench feed</c>
/// reads it from the node's services): resolve it from the node's service provider.
/// </summary>
public interface IForYouStatistics
{
    /// <summary>The figures now.</summary>
    ForYouStatisticsSnapshot Snapshot();
}

/// <summary>The For You feed's figures since start.</summary>
/// <param name="Pages">Pages served.</param>
/// <param name="CacheHits">Pages served from the viewer's candidate cache (no fresh retrieval).</param>
/// <param name="Batches">Retrieval scans run.</param>
/// <param name="BatchedRequests">Retrievals those scans answered (concurrent ones share a scan).</param>
public readonly record struct ForYouStatisticsSnapshot(long Pages, long CacheHits, long Batches, long BatchedRequests)
{
    /// <summary>Share of pages served from the candidate cache (0 to 1).</summary>
    public double CacheHitRatio => Pages == 0 ? 0 : (double)CacheHits / Pages;

    /// <summary>Retrievals per scan (1: no sharing; 0: no scan yet).</summary>
    public double MeanBatch => Batches == 0 ? 0 : (double)BatchedRequests / Batches;

    /// <summary>The figures of what happened between <paramref name="before"/> and this snapshot.</summary>
    public ForYouStatisticsSnapshot Since(ForYouStatisticsSnapshot before) =>
        new(Pages - before.Pages, CacheHits - before.CacheHits, Batches - before.Batches, BatchedRequests - before.BatchedRequests);
}
