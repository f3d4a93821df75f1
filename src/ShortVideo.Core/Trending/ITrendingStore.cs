namespace ShortVideo.Trending;

/// <summary>Where trending's minute buckets survive a restart (embedded: the metadata database).</summary>
internal interface ITrendingStore
{
    /// <summary>Replaces the stored buckets of these minutes and drops every minute before <paramref name="oldestKept"/>.</summary>
    Task SaveAsync(IReadOnlyList<(long Minute, Dictionary<string, TrendingWeight> Bucket)> minutes, long oldestKept, CancellationToken cancellationToken);

    /// <summary>Forgets a video in every stored minute.</summary>
    Task RemoveAsync(string videoId, CancellationToken cancellationToken);

    /// <summary>The stored buckets from <paramref name="oldestKept"/> on.</summary>
    Task<List<(long Minute, string VideoId, TrendingWeight Weight)>> LoadAsync(long oldestKept, CancellationToken cancellationToken);
}
