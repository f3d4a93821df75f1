using Microsoft.Extensions.Logging;
using ShortVideo.Catalog;
using ShortVideo.Ranking.Engine;

namespace ShortVideo.Feeds.ForYou;

/// <summary>Where candidates come from: the engine (fresh, or the user's cache) and the latest videos.</summary>
public sealed partial class ForYouFeed
{
    // Catalog pages of the latest source read per feed page at most: past them the viewer has seen the newest videos.
    private const int LatestPages = 3;

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
            await AddLatestAsync(viewer, pool, taken, limit, cancellationToken).ConfigureAwait(false);
        }

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

    /// <summary>The newest ready public videos the viewer has not been served, until the pool can fill the page.</summary>
    private async Task AddLatestAsync(Viewer viewer, Pool pool, HashSet<string> taken, int limit, CancellationToken cancellationToken)
    {
        VideoListCursor? after = null;
        for (var page = 0; page < LatestPages && pool.Candidates.Count < 2 * limit; page++)
        {
            var latest = await _catalog.ListPublicReadyAsync(after, _options.CandidateCount, cancellationToken).ConfigureAwait(false);
            foreach (var record in latest.Items)
            {
                var video = new CandidateVideo(record.Id, record.CreatorId, Hashtags.Parse(record.Caption));
                if (viewer.Allows(video) && taken.Add(record.Id))
                {
                    pool.Candidates.Add(new Candidate(video, FeedReason.New));
                    pool.Records[record.Id] = record;
                }
            }

            if (latest.Next is null)
            {
                break;
            }

            after = latest.Next;
        }
    }

    private static FeedReason ReasonOf(RecommendationSource source) => source switch
    {
        RecommendationSource.Personalized => FeedReason.Personalised,
        RecommendationSource.Popular => FeedReason.Trending,
        _ => FeedReason.New, // exploration of new videos, and the newest as a last resort
    };

    [LoggerMessage(Level = LogLevel.Warning, Message = "Ranking failed; this For You page is served from the latest videos")]
    private partial void LogRetrievalFailed(Exception failure);
}
