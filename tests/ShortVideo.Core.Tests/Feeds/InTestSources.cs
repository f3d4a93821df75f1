using ShortVideo.Catalog;
using ShortVideo.Feeds;
using ShortVideo.Feeds.Following;
using ShortVideo.Trending;

namespace ShortVideo.Core.Tests.Feeds;

/// <summary>
/// The following inbox and trending as For You reads them, set by the test: each viewer's followed videos (newest
/// first) and one trending list. Records come from the real catalog, as the real sources' do.
/// </summary>
internal sealed class InTestSources(IVideoCatalog catalog) : IFollowingFeed, ITrending
{
    private readonly Dictionary<string, List<string>> _following = new(StringComparer.Ordinal);

    public List<string> Trending { get; } = [];

    public int FollowingReads { get; private set; }

    /// <summary>Following reads that returned.</summary>
    public int FollowingReadsDone => Volatile.Read(ref _followingReadsDone);

    private int _followingReadsDone;

    /// <summary>When set, following reads wait for it: a slow source (an inbox being rebuilt).</summary>
    public TaskCompletionSource? FollowingGate { get; set; }

    /// <summary>Sets what <paramref name="viewer"/>'s followees published, newest first.</summary>
    public void Following(string viewer, params string[] videoIds) => _following[viewer] = [.. videoIds];

    public async ValueTask<FeedPage> GetPageAsync(string viewerId, string? cursor, int limit, CancellationToken cancellationToken)
    {
        FollowingReads++;
        if (FollowingGate is { } gate)
        {
            await gate.Task.WaitAsync(cancellationToken);
        }

        var items = new List<FeedItem>();
        foreach (var id in _following.GetValueOrDefault(viewerId, []).Take(limit))
        {
            if (await catalog.GetAsync(id, cancellationToken) is { } video)
            {
                items.Add(new FeedItem(video, Hashtags.Parse(video.Caption), FeedReason.Following, null));
            }
        }

        Interlocked.Increment(ref _followingReadsDone);
        return new FeedPage(items, null);
    }

    public ValueTask<IReadOnlyList<TrendingEntry>> TopVideosAsync(TrendingWindow window, int limit, CancellationToken cancellationToken) =>
        ValueTask.FromResult<IReadOnlyList<TrendingEntry>>([.. Trending.Take(limit).Select((id, rank) => new TrendingEntry(id, 100 - rank))]);

    public ValueTask<IReadOnlyList<TrendingEntry>> TopHashtagsAsync(TrendingWindow window, int limit, CancellationToken cancellationToken) =>
        ValueTask.FromResult<IReadOnlyList<TrendingEntry>>([]);
}
