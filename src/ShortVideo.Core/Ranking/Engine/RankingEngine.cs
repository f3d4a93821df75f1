using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ShortVideo.Ranking.Exploration;
using ShortVideo.Ranking.Learning;
using ShortVideo.Ranking.Popularity;
using ShortVideo.Ranking.Reranking;
using ShortVideo.Ranking.Retrieval;

namespace ShortVideo.Ranking.Engine;

/// <summary>
/// Assembles recommendation pages from the learned model (exact top-k), the exploration bandit and the popular
/// fallback, while the <see cref="OnlineLearner"/> trains in the background.
/// </summary>
internal sealed partial class RankingEngine : IRankingEngine, IAsyncDisposable
{
    private readonly OnlineTrainer _trainer;
    private readonly OnlineLearner _learner;
    private readonly ExplorationBandit _bandit;
    private readonly RankingEngineOptions _options;
    private readonly ThreadLocal<Random> _random;
    private readonly IReranker? _reranker;
    private readonly IRetrievalBackend _retrieval;
    private int _disposed;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    public RankingEngine(
        IOptions<Embeddings.EmbeddingTableOptions> tables,
        IOptions<LearnerOptions> learner,
        IOptions<ExplorationOptions> exploration,
        IOptions<RankingEngineOptions> options,
        TimeProvider time,
        ILogger<RankingEngine> logger,
        IReranker? reranker = null,
        IRetrievalBackend? retrieval = null)
    {
        // AddRetrievalBackend (ShortVideo.Gpu) picks the GPU when there is one; without it, the CPU's SIMD scan.
        _retrieval = retrieval ?? CpuRetrievalBackend.Instance;
        // Retrieval order needs no second pass: skip the extra depth and the feature copies.
        _reranker = reranker is RetrievalOrderReranker ? null : reranker;
        _time = time;
        _logger = logger;
        _options = options.Value;
        _options.Validate();
        var model = new TwoTowerModel(tables.Value, learner.Value.HistoryLength, time);
        // fp16 embeddings mean fp16 retrieval rows too: the memory budget is the point of choosing it.
        var matrix = new ItemMatrix(tables.Value.Dimension, tables.Value.Storage == Embeddings.EmbeddingStorage.Fp16 ? VectorPrecision.Fp16 : VectorPrecision.Fp32);
        var popularity = new PopularityCounter(time, _options.PopularityHalfLife, refresh: TimeSpan.FromSeconds(1));
        _bandit = new ExplorationBandit(exploration, time);
        _trainer = new OnlineTrainer(model, matrix, popularity, _bandit, learner.Value, time);
        _learner = new OnlineLearner(_trainer, learner.Value, time, logger);
        var seeds = _options.Seed;
        _random = new ThreadLocal<Random>(() => new Random(Interlocked.Increment(ref seeds)));
    }

    public int CatalogSize => _trainer.Matrix.Count;

    public void AddVideo(VideoDescriptor video) => _trainer.AddVideo(video);

    public void AddVideos(IReadOnlyList<VideoDescriptor> videos) => _trainer.AddVideos(videos);

    public bool RemoveVideo(long videoId) => _trainer.RemoveVideo(videoId);

    public bool TryPost(ReadOnlySpan<InteractionEvent> events) => _learner.TryPost(events);

    public Task FlushAsync(CancellationToken cancellationToken = default) => _learner.FlushAsync(cancellationToken);

    public Task SaveAsync(string directory, CancellationToken cancellationToken = default) => _trainer.SaveAsync(directory, cancellationToken);

    public Task<bool> RestoreAsync(string directory, CancellationToken cancellationToken = default) => _trainer.RestoreAsync(directory, cancellationToken);

    public IReadOnlyList<Recommendation> Recommend(RecommendationRequest request)
    {
        var plan = Plan(request);
        var hits = plan.User is null ? [] : Retrieve(plan.User, plan.Depth, plan.Excluded);
        return Complete(plan, hits);
    }

    public void ExportOnnx(string directory) => _trainer.ExportOnnx(directory);

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _learner.DisposeAsync().ConfigureAwait(false);
        _trainer.Dispose();
        _random.Dispose();
    }

    private (long Id, float Score)[] Retrieve(ReadOnlySpan<float> user, int slots, HashSet<long> excluded)
    {
        var matrix = _trainer.Matrix;
        var snapshot = matrix.Snapshot;
        if (snapshot.Count == 0)
        {
            return [];
        }

        var filter = excluded.Count > 0 ? matrix.ExclusionFor(snapshot, excluded) : null;
        return _retrieval.TopK(snapshot, user, slots, filter);
    }

    /// <summary>
    /// The second stage: the re-ranker scores the retrieved candidates with their features (age, engagement);
    /// if it fails or returns non-finite scores, the page keeps retrieval order rather than failing.
    /// </summary>
    private (long Id, float Score)[] Rerank(ReadOnlySpan<float> user, (long Id, float Score)[] hits)
    {
        var model = _trainer.Model;
        var d = model.Dimension;
        var ids = new long[hits.Length];
        var vectors = new float[hits.Length * d];
        var retrieval = new float[hits.Length];
        var ages = new float[hits.Length];
        var engagement = new float[hits.Length];
        var now = _time.GetUtcNow().UtcTicks;
        for (var i = 0; i < hits.Length; i++)
        {
            ids[i] = hits[i].Id;
            retrieval[i] = hits[i].Score;
            if (model.TryGetFeatures(hits[i].Id, out var features))
            {
                model.VideoVector(features, vectors.AsSpan(i * d, d));
                ages[i] = (float)Math.Max(0, TimeSpan.FromTicks(now - features.PublishedTicks).TotalHours);
            }

        }

        // The engine counts time-decayed engagement, not raw impressions: the model's "impressions" column.
        _trainer.Popularity.DecayedCounts(ids, engagement);

        var scores = new float[hits.Length];
        try
        {
            _reranker!.Score(new RerankBatch(d, user.ToArray(), ids, vectors, retrieval, ages, engagement), scores);
        }
        catch (RerankerException ex)
        {
            LogRerankFailed(ex, _reranker!.Name);
            return hits;
        }

        // Keys (−score, retrieval position) sort best first, and equal scores keep retrieval order.
        var keys = new (float NegatedScore, int Position)[hits.Length];
        var reranked = new (long Id, float Score)[hits.Length];
        for (var i = 0; i < hits.Length; i++)
        {
            keys[i] = (-scores[i], i);
            reranked[i] = (hits[i].Id, scores[i]);
        }

        Array.Sort(keys, reranked);
        return reranked;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The {Reranker} re-ranker failed; this page keeps retrieval order")]
    private partial void LogRerankFailed(Exception exception, string reranker);

    /// <summary>A young catalog has few engaged videos: the page is topped up from the newest rows (appended last).</summary>
    private void FillWithNewest(List<Recommendation> page, HashSet<long> taken, int missing)
    {
        var snapshot = _trainer.Matrix.Snapshot;
        for (var row = snapshot.Count - 1; row >= 0 && missing > 0; row--)
        {
            var id = snapshot.IdAt(row);
            if (taken.Add(id))
            {
                page.Add(new Recommendation(id, 0, RecommendationSource.Newest));
                missing--;
            }
        }
    }

    /// <summary>Seen videos, the user's own history and blocked creators' videos.</summary>
    private static HashSet<long> Exclusions(RecommendationRequest request, TwoTowerModel model)
    {
        var excluded = request.ExcludeVideos is null ? [] : new HashSet<long>(request.ExcludeVideos);
        foreach (var watched in model.History(request.UserId))
        {
            excluded.Add(watched);
        }

        if (request.BlockedCreators is not null)
        {
            foreach (var creator in request.BlockedCreators)
            {
                excluded.UnionWith(model.VideosOf(creator));
            }
        }

        return excluded;
    }

    /// <summary>Spreads the exploration picks evenly through the page instead of bunching them at one end.</summary>
    private static List<Recommendation> Interleave(List<Recommendation> ranked, IReadOnlyList<long> explored)
    {
        if (explored.Count == 0)
        {
            return ranked;
        }

        var total = ranked.Count + explored.Count;
        var page = new List<Recommendation>(total);
        int r = 0, e = 0;
        for (var position = 0; position < total; position++)
        {
            // Exploration pick e goes at about position (e + 1) * total / (explored + 1).
            var due = e < explored.Count && position + 1 >= (long)(e + 1) * total / (explored.Count + 1);
            if ((due || r == ranked.Count) && e < explored.Count)
            {
                page.Add(new Recommendation(explored[e++], 0, RecommendationSource.Exploration));
            }
            else
            {
                page.Add(ranked[r++]);
            }
        }

        return page;
    }
}
