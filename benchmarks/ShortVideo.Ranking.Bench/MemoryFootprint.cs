using ShortVideo.Ranking.Embeddings;
using ShortVideo.Ranking.Learning;
using ShortVideo.Ranking.Popularity;
using ShortVideo.Ranking.Retrieval;

namespace ShortVideo.Ranking.Evaluation;

/// <summary>Measured bytes of the ranking state per video and per user.</summary>
internal sealed record MemoryReport
{
    public required int Videos { get; init; }

    public required int Users { get; init; }

    public required int Dimension { get; init; }

    public required bool Fp16 { get; init; }

    public required int HistoryLength { get; init; }

    /// <summary>Video embedding row, its retrieval row, its features and index entries, its popularity count.</summary>
    public required double BytesPerVideo { get; init; }

    /// <summary>User embedding row and a full watch history.</summary>
    public required double BytesPerUser { get; init; }

    /// <summary>Of <see cref="BytesPerVideo"/>: the retrieval matrix alone (native memory).</summary>
    public required double RetrievalBytesPerVideo { get; init; }

    /// <summary><see cref="BytesPerVideo"/> times a million, in GiB: the budget is well under 1 (fp32), half that (fp16).</summary>
    public required double GibPerMillionVideos { get; init; }

    /// <summary><see cref="BytesPerUser"/> times a million, in GiB.</summary>
    public required double GibPerMillionUsers { get; init; }
}

/// <summary>
/// Builds the learner's state for a synthetic catalog and user base and measures it: live managed heap after
/// full collections, plus the retrieval matrix's native segments.
/// </summary>
internal static class MemoryFootprint
{
    private const double Gib = 1L << 30;

    public static MemoryReport Measure(int videos, int users, int dimension, bool fp16, int historyLength = 20)
    {
        var clock = new SimulationClock(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var tables = new EmbeddingTableOptions { Dimension = dimension, Storage = fp16 ? EmbeddingStorage.Fp16 : EmbeddingStorage.Fp32 };
        var learner = new LearnerOptions { HistoryLength = historyLength, RefreshPerStep = 0 };

        var start = Live();
        var model = new TwoTowerModel(tables, historyLength, clock);
        var matrix = new ItemMatrix(dimension, fp16 ? VectorPrecision.Fp16 : VectorPrecision.Fp32);
        var popularity = new PopularityCounter(clock, TimeSpan.FromDays(1), TimeSpan.FromSeconds(1));
        using var trainer = new OnlineTrainer(model, matrix, popularity, bandit: null, learner, clock);

        // Creators with 50 videos each and two hashtags from a shared pool of 10,000: a realistic spread.
        const int batch = 65_536;
        var descriptors = new List<VideoDescriptor>(batch);
        for (var v = 0; v < videos; v++)
        {
            descriptors.Add(new VideoDescriptor(v + 1L, 1_000_000_000L + (v / 50), [$"tag{v % 10_000}", $"tag{(v * 7) % 10_000}"], clock.GetUtcNow()));
            if (descriptors.Count == batch || v == videos - 1)
            {
                trainer.AddVideos(descriptors);
                descriptors.Clear();
            }
        }

        for (var v = 0; v < videos; v++)
        {
            popularity.Record(v + 1L, 1);
        }

        var afterVideos = Live();
        var native = matrix.NativeBytes;
        var row = new float[dimension];
        for (var u = 0; u < users; u++)
        {
            var user = 2_000_000_000L + u;
            model.Users.Set(user, row);
            for (var h = 0; h < historyLength; h++)
            {
                model.RecordWatched(user, 1 + ((u + (h * 7919L)) % Math.Max(1, videos)));
            }
        }

        var afterUsers = Live();
        GC.KeepAlive(trainer);
        var perVideo = videos == 0 ? 0 : (afterVideos - start + native) / (double)videos;
        var perUser = users == 0 ? 0 : (afterUsers - afterVideos) / (double)users;
        return new MemoryReport
        {
            Videos = videos,
            Users = users,
            Dimension = dimension,
            Fp16 = fp16,
            HistoryLength = historyLength,
            BytesPerVideo = perVideo,
            BytesPerUser = perUser,
            RetrievalBytesPerVideo = videos == 0 ? 0 : native / (double)videos,
            GibPerMillionVideos = perVideo * 1e6 / Gib,
            GibPerMillionUsers = perUser * 1e6 / Gib,
        };
    }

    private static long Live()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        return GC.GetTotalMemory(forceFullCollection: true);
    }
}
