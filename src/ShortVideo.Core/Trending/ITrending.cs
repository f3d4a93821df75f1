namespace ShortVideo.Trending;

/// <summary>
/// What is trending over a sliding window: videos by interactions (views, completes, likes, shares, weighted), hashtags
/// by their videos' interactions plus new uploads. Deleted and private videos leave it at once. Embedded default:
/// in-process per-minute buckets, persisted in the metadata database (<c>AddTrending()</c>).
/// </summary>
public interface ITrending
{
    /// <summary>The most interacted-with videos of <paramref name="window"/>, best first, at most <paramref name="limit"/>.</summary>
    ValueTask<IReadOnlyList<TrendingEntry>> TopVideosAsync(TrendingWindow window, int limit, CancellationToken cancellationToken);

    /// <summary>The hashtags whose videos drew the most interactions and uploads in <paramref name="window"/>, best first.</summary>
    ValueTask<IReadOnlyList<TrendingEntry>> TopHashtagsAsync(TrendingWindow window, int limit, CancellationToken cancellationToken);
}

/// <summary>A sliding window of trending.</summary>
public enum TrendingWindow
{
    /// <summary>The last hour.</summary>
    Hour,

    /// <summary>The last 24 hours.</summary>
    Day,
}

/// <summary>A video id or a hashtag, and its weighted count in the window.</summary>
/// <param name="Key">The video id or hashtag.</param>
/// <param name="Score">Weighted interactions (and uploads, for hashtags) in the window.</param>
public readonly record struct TrendingEntry(string Key, double Score);
