using System.Diagnostics;
using ShortVideo.Ranking.Embeddings;
using ShortVideo.Ranking.Learning;
using ShortVideo.Ranking.Popularity;
using ShortVideo.Ranking.Retrieval;

namespace ShortVideo.Ranking.Evaluation;

/// <summary>
/// Drives the online learner through a simulated world and scores what it retrieves against the world's
/// ground truth, next to a popularity baseline (most engaged videos, time-decayed) and the oracle (the true
/// expected watch ratios, so its recall is 1 by construction: the ceiling).
/// </summary>
internal static class QualityEvaluator
{
    public const int RecallDepth = 50;
    public const int NdcgDepth = 10;

    public static QualityReport Run(SimulationOptions options, LearnerOptions learner, EmbeddingTableOptions? tables = null, CancellationToken cancellationToken = default)
    {
        options.Validate();
        var clock = new SimulationClock(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var world = new SimulatedWorld(options);
        tables ??= new EmbeddingTableOptions { Dimension = options.Dimension, Seed = options.Seed };
        var model = new TwoTowerModel(tables, learner.HistoryLength, clock);
        var matrix = new ItemMatrix(options.Dimension);
        var popularity = new PopularityCounter(clock, halfLife: TimeSpan.FromDays(1), refresh: TimeSpan.Zero);
        using var trainer = new OnlineTrainer(model, matrix, popularity, bandit: null, learner, clock);

        var initial = Math.Max(1, (int)(options.Videos * options.InitialVideoShare));
        while (world.Published < initial && world.TryPublishNext(clock.GetUtcNow(), out var video))
        {
            trainer.AddVideo(video);
        }

        var seen = new HashSet<long>[options.Users];
        for (var u = 0; u < seen.Length; u++)
        {
            seen[u] = [];
        }

        var losses = new List<double>();
        var buffer = new List<InteractionEvent>(learner.BatchSize * 2);
        var events = 0;
        var impressions = 0;
        var late = options.Videos - initial;
        var stopwatch = Stopwatch.StartNew();
        while (events < options.Events)
        {
            cancellationToken.ThrowIfCancellationRequested();

            // New videos arrive evenly over the run.
            var due = initial + (int)((long)late * events / Math.Max(1, options.Events));
            while (world.Published < due && world.TryPublishNext(clock.GetUtcNow(), out var video))
            {
                trainer.AddVideo(video);
            }

            var before = buffer.Count;
            var (user, shown) = world.Impress(buffer);
            seen[user].Add(SimulatedWorld.VideoId(shown));
            events += buffer.Count - before;
            impressions++;
            clock.Advance(options.TimePerImpression);
            if (buffer.Count >= learner.BatchSize)
            {
                Step(trainer, buffer, losses);
            }
        }

        Step(trainer, buffer, losses);
        trainer.PublishVectors();
        popularity.Refresh(force: true);
        var trainingSeconds = stopwatch.Elapsed.TotalSeconds;

        return Score(options, world, model, matrix, popularity, seen, events, impressions, trainingSeconds, losses);
    }

    private static void Step(OnlineTrainer trainer, List<InteractionEvent> buffer, List<double> losses)
    {
        if (buffer.Count == 0)
        {
            return;
        }

        var step = trainer.Train(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(buffer));
        if (!double.IsNaN(step.SoftmaxLoss))
        {
            losses.Add(step.SoftmaxLoss);
        }

        buffer.Clear();
    }

    private static QualityReport Score(
        SimulationOptions options,
        SimulatedWorld world,
        TwoTowerModel model,
        ItemMatrix matrix,
        PopularityCounter popularity,
        HashSet<long>[] seen,
        int events,
        int impressions,
        double trainingSeconds,
        List<double> losses)
    {
        var random = new Random(options.Seed + 1);
        var evaluated = Math.Min(options.EvaluationUsers, options.Users);
        var snapshot = matrix.Snapshot;
        var userVector = new float[options.Dimension];
        var relevance = new float[world.Published];
        var order = new int[world.Published];
        double recall = 0, popularRecall = 0, ndcg = 0, popularNdcg = 0;
        var cold = 0;
        var users = Enumerable.Range(0, options.Users).OrderBy(_ => random.Next()).Take(evaluated);
        foreach (var user in users)
        {
            var excluded = seen[user];
            var candidates = 0;
            for (var v = 0; v < world.Published; v++)
            {
                if (!excluded.Contains(SimulatedWorld.VideoId(v)))
                {
                    order[candidates] = v;
                    relevance[candidates++] = world.Relevance(user, v);
                }
            }

            // The oracle: unseen videos by true expected watch ratio.
            Array.Sort(relevance, order, 0, candidates, Comparer<float>.Create(static (a, b) => b.CompareTo(a)));
            var truthDepth = Math.Min(RecallDepth, candidates);
            var truth = new HashSet<long>(truthDepth);
            for (var i = 0; i < truthDepth; i++)
            {
                truth.Add(SimulatedWorld.VideoId(order[i]));
            }

            var ideal = Dcg(order.AsSpan(0, Math.Min(NdcgDepth, candidates)), world, user);

            List<long> learned;
            if (model.TryUserVector(SimulatedWorld.UserId(user), userVector))
            {
                var filter = ExclusionFilter.ForIds(snapshot, excluded);
                learned = [.. ExactTopK.TopK(snapshot, userVector, RecallDepth, filter).Select(hit => hit.Id)];
            }
            else
            {
                cold++;
                learned = popularity.Top(RecallDepth, excluded.Contains);
            }

            var popular = popularity.Top(RecallDepth, excluded.Contains);
            recall += Overlap(learned, truth) / (double)truthDepth;
            popularRecall += Overlap(popular, truth) / (double)truthDepth;
            ndcg += Dcg(Indexes(learned), world, user) / ideal;
            popularNdcg += Dcg(Indexes(popular), world, user) / ideal;
        }

        var tenth = Math.Max(1, losses.Count / 10);
        var learnedRecall = recall / evaluated;
        var popularityRecall = popularRecall / evaluated;
        return new QualityReport
        {
            Seed = options.Seed,
            Dimension = options.Dimension,
            Events = events,
            Impressions = impressions,
            Users = options.Users,
            VideosPublished = world.Published,
            EvaluatedUsers = evaluated,
            ColdUsers = cold,
            RecallAt50 = learnedRecall,
            PopularityRecallAt50 = popularityRecall,
            OracleRecallAt50 = 1,
            NdcgAt10 = ndcg / evaluated,
            PopularityNdcgAt10 = popularNdcg / evaluated,
            OracleNdcgAt10 = 1,
            RecallRatioToPopularity = popularityRecall > 0 ? learnedRecall / popularityRecall : null,
            TrainingSeconds = trainingSeconds,
            EventsPerSecond = events / Math.Max(trainingSeconds, 1e-9),
            FirstLoss = losses.Count == 0 ? double.NaN : losses.Take(tenth).Average(),
            LastLoss = losses.Count == 0 ? double.NaN : losses.Skip(losses.Count - tenth).Average(),
        };
    }

    private static int Overlap(List<long> ranked, HashSet<long> truth)
    {
        var hits = 0;
        foreach (var id in ranked)
        {
            hits += truth.Contains(id) ? 1 : 0;
        }

        return hits;
    }

    private static int[] Indexes(List<long> ranked)
    {
        var indexes = new int[Math.Min(NdcgDepth, ranked.Count)];
        for (var i = 0; i < indexes.Length; i++)
        {
            indexes[i] = SimulatedWorld.VideoIndex(ranked[i]);
        }

        return indexes;
    }

    private static double Dcg(ReadOnlySpan<int> videos, SimulatedWorld world, int user)
    {
        var dcg = 0.0;
        for (var i = 0; i < videos.Length; i++)
        {
            dcg += world.Relevance(user, videos[i]) / Math.Log2(i + 2);
        }

        return dcg;
    }
}
