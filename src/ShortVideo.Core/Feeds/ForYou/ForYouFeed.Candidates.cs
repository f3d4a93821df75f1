using Microsoft.Extensions.Logging;
using ShortVideo.Catalog;
using ShortVideo.Ranking.Engine;
using ShortVideo.Trending;

namespace ShortVideo.Feeds.ForYou;

/// <summary>Where candidates come from: the engine (fresh, or the user's cache), the latest videos, the following inbox and trending.</summary>
public sealed partial class ForYouFeed
{
    // Catalog pages of the latest source that add candidates, read per call at most; pages that add none (watched,
    // served, or already in the pool) are read past up to MaxLatestReads, and the session's leading pages with
    // nothing for the viewer only once (LatestAfter remembers).
    private const int LatestPages = 3;
    private const int MaxLatestReads = 50;

    // Where the following and trending slots go in the pool: the second item of a page, then every third, so with
    // the default two slots each a page of ten has personalised items first and at least every third position.
    private const int SlotStart = 1;
    private const int SlotStride = 3;

    private static readonly TimeSpan TrendingRefresh = TimeSpan.FromSeconds(1);

    // Swapped whole (a reference), so a reader never sees a time of one list and the entries of another.
    private volatile TrendingSnapshot? _trendingTop;

    private async Task<(Pool Pool, bool CacheHit)> CandidatesAsync(Viewer viewer, bool firstPage, int limit, CancellationToken cancellationToken)
    {
        var pool = new Pool([], new Dictionary<string, VideoRecord>(StringComparer.Ordinal));
        var taken = new HashSet<string>(StringComparer.Ordinal);
        var cacheHit = false;
        if (_ranking is { IsReady: true } ranking && _coalescer is not null)
        {
            var recommendations = !firstPage && _cache.TryGet(viewer.Id, out var cached) && Usable(ranking, cached, viewer) >= limit ? cached : null;
            cacheHit = recommendations is not null;
            recommendations ??= await RetrieveAsync(viewer, cancellationToken).ConfigureAwait(false);
            foreach (var recommendation in recommendations)
            {
                if (ranking.TryGet(recommendation.VideoId, out var video) && viewer.Allows(video) && taken.Add(video.VideoId))
                {
                    pool.Candidates.Add(new Candidate(video, ReasonOf(recommendation.Source)));
                }
            }
        }

        if (pool.Candidates.Count < limit)
        {
            await AddLatestAsync(viewer, pool, taken, (2 * limit) - pool.Candidates.Count, cancellationToken).ConfigureAwait(false);
        }

        await AddFollowingAsync(viewer, pool, taken, cancellationToken).ConfigureAwait(false);
        await AddTrendingAsync(viewer, pool, taken, cancellationToken).ConfigureAwait(false);
        return (pool, cacheHit);
    }

    /// <summary>A fresh retrieval through the coalescer, cached for the following pages; the latest videos alone if the engine fails.</summary>
    private async Task<IReadOnlyList<Recommendation>> RetrieveAsync(Viewer viewer, CancellationToken cancellationToken)
    {
        var ticket = _cache.Ticket();
        var request = new RecommendationRequest
        {
            UserId = viewer.Key,
            Count = _options.CandidateCount,
            ExcludeVideos = viewer.Excluded,
            BlockedCreators = viewer.BlockedKeys,
        };
        try
        {
            var found = await _coalescer!.RecommendAsync(request).WaitAsync(cancellationToken).ConfigureAwait(false);
            _cache.Store(viewer.Id, found, ticket);
            return found;
        }
        catch (Exception failure) when (failure is not OperationCanceledException)
        {
            // The feed never fails because ranking did: the page comes from the latest videos instead.
            LogRetrievalFailed(failure);
            return [];
        }
    }

    /// <summary>Cached candidates that would still pass the filters that need no record.</summary>
    private static int Usable(RankingCatalog ranking, IReadOnlyList<Recommendation> cached, Viewer viewer)
    {
        var usable = 0;
        foreach (var recommendation in cached)
        {
            if (!viewer.Excluded.Contains(recommendation.VideoId) && ranking.TryGet(recommendation.VideoId, out var video) && viewer.Allows(video))
            {
                usable++;
            }
        }

        return usable;
    }

    /// <summary>
    /// Up to <paramref name="wanted"/> of the newest ready public videos the viewer has not been served (and that
    /// <paramref name="accept"/> takes, when given). The scan starts
    /// past the session's leading catalog pages that hold nothing the viewer may still see (served, watched, refused),
    /// so a heavy viewer, or a long session on a node without ranking, does not get an empty page once the newest few
    /// hundred videos are all behind them.
    /// </summary>
    private async Task AddLatestAsync(Viewer viewer, Pool pool, HashSet<string> taken, int wanted, CancellationToken cancellationToken, Func<CandidateVideo, bool>? accept = null)
    {
        var session = viewer.Session;
        var after = session.LatestAfter;
        var leading = true;
        var useful = 0;
        var goal = pool.Candidates.Count + wanted;
        for (var read = 0; useful < LatestPages && read < MaxLatestReads && pool.Candidates.Count < goal; read++)
        {
            var latest = await _catalog.ListPublicReadyAsync(after, _options.CandidateCount, cancellationToken).ConfigureAwait(false);
            var allowed = false;
            var added = false;
            foreach (var record in latest.Items)
            {
                var video = new CandidateVideo(record.Id, record.CreatorId, Hashtags.Parse(record.Caption));
                if (!viewer.Allows(video))
                {
                    continue;
                }

                allowed = true;
                if ((accept is null || accept(video)) && taken.Add(record.Id))
                {
                    added = true;
                    pool.Candidates.Add(new Candidate(video, FeedReason.New));
                    pool.Records[record.Id] = record;
                }
            }

            if (latest.Next is null)
            {
                break;
            }

            // What the viewer was served, watched or refused stays so for the session: such a page is never read again.
            leading &= !allowed;
            useful += added ? 1 : 0;
            if (leading)
            {
                session.LatestAfter = latest.Next;
            }

            after = latest.Next;
        }
    }

    /// <summary>
    /// Up to <see cref="ForYouOptions.FollowingSlots"/> of the newest videos of followed creators (the Following feed's
    /// own merge of inbox and large creators), placed early in the pool with reason "following". The read starts with
    /// the session and is shared by its pages; a page waits for it at most <see cref="ForYouOptions.FollowingWait"/>
    /// (a reader's first read in a week rebuilds their inbox, which is slow), and one that does not get it in time is
    /// served without those slots: the pages after it have them. A failing source costs slots, never a page.
    /// </summary>
    private async Task AddFollowingAsync(Viewer viewer, Pool pool, HashSet<string> taken, CancellationToken cancellationToken)
    {
        if (_following is null || _options.FollowingSlots == 0)
        {
            return;
        }

        var read = viewer.Session.Following(() => Task.Run(() => ReadFollowingAsync(viewer.Id), CancellationToken.None));
        if (!read.IsCompleted)
        {
            await Task.WhenAny(read, Task.Delay(_options.FollowingWait, _time, cancellationToken)).ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
        }

        if (!read.IsCompletedSuccessfully)
        {
            return;
        }

        var added = 0;
        foreach (var item in read.Result)
        {
            var video = new CandidateVideo(item.Video.Id, item.Video.CreatorId, item.Hashtags);
            if (added < _options.FollowingSlots && viewer.Allows(video))
            {
                // The record is not reused: it may be older than the session, and PickAsync checks the current one.
                Place(pool, taken, new Candidate(video, FeedReason.Following), SlotStart + (added++ * SlotStride));
            }
        }
    }

    /// <summary>The newest videos of followed creators; empty (and logged) when the Following feed fails.</summary>
    private async Task<IReadOnlyList<FeedItem>> ReadFollowingAsync(string viewerId)
    {
        try
        {
            // Not the request's token: the read outlives a page that stopped waiting for it.
            return (await _following!.GetPageAsync(viewerId, null, _options.FollowingLookback, CancellationToken.None).ConfigureAwait(false)).Items;
        }
        catch (Exception failure)
        {
            LogSourceFailed(failure, "following");
            return [];
        }
    }

    /// <summary>
    /// Up to <see cref="ForYouOptions.TrendingSlots"/> of the top trending videos of the last 24 hours, placed early in
    /// the pool with reason "trending" (a cold user's page is exploration plus trending plus the latest).
    /// </summary>
    private async Task AddTrendingAsync(Viewer viewer, Pool pool, HashSet<string> taken, CancellationToken cancellationToken)
    {
        if (_trending is null || _options.TrendingSlots == 0)
        {
            return;
        }

        var top = await TopTrendingAsync(cancellationToken).ConfigureAwait(false);
        var added = 0;
        foreach (var entry in top)
        {
            if (added >= _options.TrendingSlots)
            {
                break;
            }

            if (viewer.Excluded.Contains(RankingIds.Of(entry.Key))
                || await TrendingCandidateAsync(entry.Key, viewer, pool, cancellationToken).ConfigureAwait(false) is not { } video
                || !viewer.Allows(video))
            {
                continue;
            }

            Place(pool, taken, new Candidate(video, FeedReason.Trending), SlotStart + 1 + (added++ * SlotStride));
        }
    }

    /// <summary>
    /// The day's top trending videos, read at most once per <see cref="TrendingRefresh"/>: every page of every viewer
    /// asks, and the list moves on the scale of minutes.
    /// </summary>
    private async ValueTask<IReadOnlyList<TrendingEntry>> TopTrendingAsync(CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        if (_trendingTop is { } cached && now - cached.At < TrendingRefresh)
        {
            return cached.Top;
        }

        var top = await _trending!.TopVideosAsync(TrendingWindow.Day, _options.TrendingLookback, cancellationToken).ConfigureAwait(false);
        _trendingTop = new TrendingSnapshot(now, top);
        return top;
    }

    /// <summary>A trending video as a candidate: from the engine when it is ready (it holds every candidate), else from the catalog.</summary>
    private async ValueTask<CandidateVideo?> TrendingCandidateAsync(string videoId, Viewer viewer, Pool pool, CancellationToken cancellationToken)
    {
        if (_ranking is { IsReady: true } ranking)
        {
            return ranking.TryGet(RankingIds.Of(videoId), out var known) ? known : null;
        }

        var record = pool.Records.GetValueOrDefault(videoId) ?? await _catalog.GetAsync(videoId, cancellationToken).ConfigureAwait(false);
        if (record is null || !RankingCatalog.IsCandidate(record) || !VideoAccess.CanView(record, viewer.Id))
        {
            return null;
        }

        pool.Records[videoId] = record;
        return new CandidateVideo(record.Id, record.CreatorId, Hashtags.Parse(record.Caption));
    }

    /// <summary>
    /// Puts <paramref name="candidate"/> at <paramref name="position"/> of the pool (or its end), taking the place of
    /// the same video proposed by another source: the following and trending reasons say more than a generic one.
    /// </summary>
    private static void Place(Pool pool, HashSet<string> taken, Candidate candidate, int position)
    {
        if (!taken.Add(candidate.Video.VideoId))
        {
            pool.Candidates.RemoveAll(c => string.Equals(c.Video.VideoId, candidate.Video.VideoId, StringComparison.Ordinal));
        }

        pool.Candidates.Insert(Math.Min(position, pool.Candidates.Count), candidate);
    }

    private sealed record TrendingSnapshot(DateTimeOffset At, IReadOnlyList<TrendingEntry> Top);

    private static FeedReason ReasonOf(RecommendationSource source) => source switch
    {
        RecommendationSource.Personalized => FeedReason.Personalised,
        RecommendationSource.Popular => FeedReason.Trending,
        _ => FeedReason.New, // exploration of new videos, and the newest as a last resort
    };

    [LoggerMessage(Level = LogLevel.Warning, Message = "The {Source} source of For You failed; this page is served without it")]
    private partial void LogSourceFailed(Exception failure, string source);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Ranking failed; this For You page is served from the latest videos")]
    private partial void LogRetrievalFailed(Exception failure);
}
