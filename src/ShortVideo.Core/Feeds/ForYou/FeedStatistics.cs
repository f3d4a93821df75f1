namespace ShortVideo.Feeds.ForYou;

/// <summary>What the For You feed did since start: pages, cache hits, and how well retrievals were batched.</summary>
internal sealed class FeedStatistics : IForYouStatistics
{
    private long _pages;
    private long _cacheHits;
    private long _batches;
    private long _batchedRequests;

    public long Pages => Interlocked.Read(ref _pages);

    public long CacheHits => Interlocked.Read(ref _cacheHits);

    public long Batches => Interlocked.Read(ref _batches);

    public long BatchedRequests => Interlocked.Read(ref _batchedRequests);

    /// <summary>Retrievals per scan (1: no sharing).</summary>
    public double MeanBatch => Batches == 0 ? 0 : (double)BatchedRequests / Batches;

    public ForYouStatisticsSnapshot Snapshot() => new(Pages, CacheHits, Batches, BatchedRequests);

    public void Page(bool cacheHit)
    {
        Interlocked.Increment(ref _pages);
        if (cacheHit)
        {
            Interlocked.Increment(ref _cacheHits);
        }
    }

    public void Batch(int size)
    {
        Interlocked.Increment(ref _batches);
        Interlocked.Add(ref _batchedRequests, size);
    }
}
