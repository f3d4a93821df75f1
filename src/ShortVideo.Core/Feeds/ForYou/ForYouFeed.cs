using Microsoft.Extensions.Logging;
using ShortVideo.Catalog;
using ShortVideo.Feeds.Following;
using ShortVideo.Interactions;
using ShortVideo.Social;
using ShortVideo.Trending;

namespace ShortVideo.Feeds.ForYou;

/// <summary>
/// Assembles For You pages: candidates from personalised retrieval, the exploration bandit and the popular and newest
/// fallbacks of the ranking engine (a cold user gets exploration plus popular), topped up with the latest videos (all
/// there is while the engine loads, or on a node without the ranking role), with a few slots per page for the
/// following inbox and for trending videos (<see cref="ForYouOptions.FollowingSlots"/>, <see cref="ForYouOptions.TrendingSlots"/>);
/// then filters (served earlier in the
/// session, watched, "not interested", blocked either way, own, and <see cref="VideoAccess"/> on the current record:
/// private, deleted, not ready); then spacing (<see cref="FeedDiversity"/>). A session's pages never repeat an item;
/// its cursor is MAC'd and bound to the viewer. Fresh retrievals of concurrent requests share one scan
/// (<see cref="RetrievalCoalescer"/>); following pages come from the user's cached candidates until an interaction of
/// theirs invalidates them. Registered by <c>AddShortVideoForYou()</c>.
/// </summary>
public sealed partial class ForYouFeed
{
    private readonly IVideoCatalog _catalog;
    private readonly ForYouOptions _options;
    private readonly FeedCursorKey _key;
    private readonly FeedStatistics _statistics;
    private readonly CandidateCache _cache;
    private readonly BoundedCache<Guid, FeedSession> _sessions;
    private readonly MediaPrefetch _prefetch;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly RankingCatalog? _ranking;
    private readonly RetrievalCoalescer? _coalescer;
    private readonly ISocialGraph? _graph;
    private readonly IViewerSignals? _signals;
    private readonly IFollowingFeed? _following;
    private readonly ITrending? _trending;

    internal ForYouFeed(
        IVideoCatalog catalog,
        ForYouOptions options,
        FeedCursorKey key,
        FeedStatistics statistics,
        CandidateCache cache,
        MediaPrefetch prefetch,
        TimeProvider time,
        ILogger<ForYouFeed> logger,
        RankingCatalog? ranking,
        RetrievalCoalescer? coalescer,
        ISocialGraph? graph,
        IViewerSignals? signals,
        IFollowingFeed? following,
        ITrending? trending)
    {
        _catalog = catalog;
        _options = options;
        _key = key;
        _statistics = statistics;
        _cache = cache;
        _prefetch = prefetch;
        _time = time;
        _logger = logger;
        _ranking = ranking;
        _coalescer = coalescer;
        _graph = graph;
        _signals = signals;
        _following = following;
        _trending = trending;
        _sessions = new BoundedCache<Guid, FeedSession>(options.SessionCount, options.SessionLifetime, time);
    }

    internal FeedStatistics Statistics => _statistics;

    /// <summary>
    /// The next page of <paramref name="viewerId"/>'s For You feed: the first of a new session when
    /// <paramref name="cursor"/> is null, else the one after the page that issued it. <paramref name="limit"/> is 1 to
    /// <see cref="ForYouOptions.MaxPageSize"/>. Throws <see cref="FeedCursorException"/> for a cursor this feed did not
    /// issue to this viewer, or one that expired.
    /// </summary>
    public async Task<FeedPage> GetPageAsync(string viewerId, int limit, string? cursor, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(viewerId);
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(limit, ForYouOptions.MaxPageSize);
        var now = _time.GetUtcNow();
        var viewerKey = RankingIds.Of(viewerId);
        ForYouCursor position;
        if (cursor is null)
        {
            position = new ForYouCursor(Guid.NewGuid(), 0);
        }
        else if (!ForYouCursor.TryOpen(cursor, _key.Bytes, viewerId, now, out position))
        {
            throw new FeedCursorException();
        }

        var session = _sessions.GetOrAdd(position.SessionId, static () => new FeedSession());
        var viewer = await ViewerAsync(viewerId, viewerKey, session, cancellationToken).ConfigureAwait(false);
        var (pool, cacheHit) = await CandidatesAsync(viewer, firstPage: position.Page == 0, limit, cancellationToken).ConfigureAwait(false);
        var items = await PickAsync(viewer, pool, limit, session, cancellationToken).ConfigureAwait(false);
        session.Served(items);
        _statistics.Page(cacheHit);
        var next = items.Count == 0 || session.ServedCount + ForYouOptions.MaxPageSize > FeedSession.MaxServed
            ? null
            : (position with { Page = position.Page + 1 }).Seal(_key.Bytes, viewerId, now, _options.SessionLifetime);
        return new FeedPage(items, next);
    }

    /// <summary>Takes candidates in order under the spacing rules, each checked against its current record.</summary>
    private async Task<List<FeedItem>> PickAsync(Viewer viewer, Pool pool, int limit, FeedSession session, CancellationToken cancellationToken)
    {
        await ReadRecordsAsync(pool, (2 * limit) + 2, cancellationToken).ConfigureAwait(false);
        var items = new List<FeedItem>(limit);
        var perCreator = new Dictionary<string, int>(StringComparer.Ordinal);
        var previousCreator = session.LastCreator;
        var previousHashtags = session.LastHashtags;
        var toppedUp = false;
        while (items.Count < limit)
        {
            var index = FeedDiversity.Next(pool.Candidates, previousCreator, previousHashtags, perCreator);
            if (index < 0)
            {
                // The pool ran out, or what is left breaks the spacing rules: once per page, the latest videos top it up.
                if (toppedUp)
                {
                    break;
                }

                toppedUp = true;
                await TopUpAsync(viewer, pool, items, perCreator, previousCreator, limit, cancellationToken).ConfigureAwait(false);
                continue;
            }

            var candidate = pool.Candidates[index];
            pool.Candidates.RemoveAt(index);
            var record = pool.Records.GetValueOrDefault(candidate.Video.VideoId)
                ?? await _catalog.GetAsync(candidate.Video.VideoId, cancellationToken).ConfigureAwait(false);
            if (record is null || !RankingCatalog.IsCandidate(record) || !VideoAccess.CanView(record, viewer.Id)
                || string.Equals(record.CreatorId, viewer.Id, StringComparison.Ordinal) || viewer.Blocked.Contains(record.CreatorId))
            {
                // A deleted or private video the engine still held (a missed notification): it leaves now.
                if (record is null || !RankingCatalog.IsCandidate(record))
                {
                    _ranking?.Forget(candidate.Video.VideoId);
                }

                continue;
            }

            var hashtags = Hashtags.Parse(record.Caption);
            var prefetch = await _prefetch.ForAsync(record, cancellationToken).ConfigureAwait(false);
            items.Add(new FeedItem(record, hashtags, candidate.Reason, prefetch));
            perCreator[record.CreatorId] = perCreator.GetValueOrDefault(record.CreatorId) + 1;
            previousCreator = record.CreatorId;
            previousHashtags = hashtags;
        }

        return items;
    }

    /// <summary>
    /// Adds the latest videos of creators that can still go on this page: not the ones left in the pool (retrieval's
    /// candidates for a taste one prolific creator dominates are what blocks it), not the last one, not one at its cap.
    /// </summary>
    private async Task TopUpAsync(
        Viewer viewer, Pool pool, List<FeedItem> items, Dictionary<string, int> perCreator, string? previousCreator, int limit, CancellationToken cancellationToken)
    {
        var taken = new HashSet<string>(pool.Candidates.Select(c => c.Video.VideoId), StringComparer.Ordinal);
        taken.UnionWith(items.Select(i => i.Video.Id));
        var blocking = new HashSet<string>(pool.Candidates.Select(c => c.Video.CreatorId), StringComparer.Ordinal);
        blocking.UnionWith(perCreator.Where(p => p.Value >= FeedDiversity.MaxPerCreator).Select(p => p.Key));
        if (previousCreator is not null)
        {
            blocking.Add(previousCreator);
        }

        await AddLatestAsync(viewer, pool, taken, 2 * (limit - items.Count), cancellationToken, v => !blocking.Contains(v.CreatorId)).ConfigureAwait(false);
        await ReadRecordsAsync(pool, pool.Candidates.Count, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Reads in one go the records of the first <paramref name="count"/> candidates not read yet: a page takes from the
    /// front of the pool, and the few candidates spacing or a missing record skip past are read one by one.
    /// </summary>
    private async Task ReadRecordsAsync(Pool pool, int count, CancellationToken cancellationToken)
    {
        var missing = new List<string>(count);
        foreach (var candidate in pool.Candidates)
        {
            if (missing.Count == count)
            {
                break;
            }

            if (!pool.Records.ContainsKey(candidate.Video.VideoId))
            {
                missing.Add(candidate.Video.VideoId);
            }
        }

        foreach (var (id, record) in await _catalog.GetManyAsync(missing, cancellationToken).ConfigureAwait(false))
        {
            pool.Records[id] = record;
        }
    }

    /// <summary>
    /// What the viewer must not be shown: the session's served items, watched and refused videos (read at the session's
    /// first page), blocked users (read every page: a block applies at once).
    /// </summary>
    private async Task<Viewer> ViewerAsync(string viewerId, long viewerKey, FeedSession session, CancellationToken cancellationToken)
    {
        var excluded = new HashSet<long>();
        session.CopyServedTo(excluded);
        var blocked = _graph is null
            ? (IReadOnlySet<string>)new HashSet<string>()
            : await _graph.BlockedEitherWayAsync(viewerId, cancellationToken).ConfigureAwait(false);
        var refused = session.Refused;
        if (refused is null)
        {
            refused = await RefusedAsync(viewerId, cancellationToken).ConfigureAwait(false);
            session.Refused = refused;
        }

        excluded.UnionWith(refused);
        var blockedKeys = new HashSet<long>();
        foreach (var user in blocked)
        {
            blockedKeys.Add(RankingIds.Of(user));
        }

        return new Viewer(viewerId, viewerKey, excluded, blocked, blockedKeys, session);
    }

    /// <summary>The viewer's "not interested" and recently watched videos, as ranking ids.</summary>
    private async Task<HashSet<long>> RefusedAsync(string viewerId, CancellationToken cancellationToken)
    {
        var refused = new HashSet<long>();
        if (_signals is null)
        {
            return refused;
        }

        foreach (var id in await _signals.NotInterestedAsync(viewerId, cancellationToken).ConfigureAwait(false))
        {
            refused.Add(RankingIds.Of(id));
        }

        if (_options.RecentlyWatchedLimit > 0)
        {
            foreach (var id in await _signals.RecentlyWatchedAsync(viewerId, _options.RecentlyWatchedLimit, cancellationToken).ConfigureAwait(false))
            {
                refused.Add(RankingIds.Of(id));
            }
        }

        return refused;
    }

    /// <param name="Id">The viewer.</param>
    /// <param name="Key">Their ranking id.</param>
    /// <param name="Excluded">Videos (ranking ids) not to show.</param>
    /// <param name="Blocked">Users blocked either way.</param>
    /// <param name="BlockedKeys">Their ranking ids.</param>
    /// <param name="Session">The session the page belongs to.</param>
    private sealed record Viewer(string Id, long Key, HashSet<long> Excluded, IReadOnlySet<string> Blocked, HashSet<long> BlockedKeys, FeedSession Session)
    {
        /// <summary>Whether a candidate passes the filters that need no record.</summary>
        public bool Allows(CandidateVideo video) =>
            !Excluded.Contains(RankingIds.Of(video.VideoId))
            && !string.Equals(video.CreatorId, Id, StringComparison.Ordinal)
            && !Blocked.Contains(video.CreatorId);
    }

    /// <summary>Candidates in order, and the records already read for some of them (the latest source's).</summary>
    private sealed record Pool(List<Candidate> Candidates, Dictionary<string, VideoRecord> Records);
}
