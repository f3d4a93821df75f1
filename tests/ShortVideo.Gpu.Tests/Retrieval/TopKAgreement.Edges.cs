using ShortVideo.Core.Tests.Ranking.Retrieval;
using ShortVideo.Ranking.Retrieval;

namespace ShortVideo.Gpu.Tests.Retrieval;

/// <summary>Ties, catalog changes, sizes at the edges, bad input and concurrency.</summary>
internal sealed partial class TopKAgreement
{
    private void ExactTies()
    {
        // Small integers: every dot product is exact in any summation order, so the CPU and the GPU compute the
        // same scores, and with 16 dimensions of -2..2 thousands of rows share a few dozen scores: ties at every
        // k, which both must break by id ascending. Ids are shuffled so that row order cannot pass for id order.
        const int Dimension = 16;
        var n = full ? 20_000 : 2500;
        var random = new Random(17);
        var ids = Enumerable.Range(0, n).Select(i => 1000L + (i * 13L)).OrderBy(_ => random.Next()).ToArray();
        var vectors = new float[n * Dimension];
        for (var i = 0; i < vectors.Length; i++)
        {
            vectors[i] = random.Next(-2, 3);
        }

        var snapshot = RetrievalReference.Build(ids, vectors, Dimension, VectorPrecision.Fp32).Snapshot;
        var queries = new float[9 * Dimension];
        for (var i = 0; i < queries.Length; i++)
        {
            queries[i] = random.Next(-2, 3);
        }

        var filter = new ExclusionFilter(n);
        for (var r = 0; r < n; r += 3)
        {
            filter.Exclude(r);
        }

        foreach (var k in new[] { 1, 7, 100, 1000 })
        {
            AssertSameAsCpu(snapshot, queries.AsSpan(0, Dimension).ToArray(), k, null);
            AssertSameAsCpu(snapshot, queries, k, null);
            AssertSameAsCpu(snapshot, queries, k, filter);
        }

        var small = new ItemMatrix(16);
        small.AddRange([30, 10, 20], [.. Ones(16), .. Ones(16), .. new float[16]]);
        Assert.Equal([(10L, 16f), (30L, 16f), (20L, 0f)], gpu.TopK(small.Snapshot, Ones(16), 100));
    }

    private void CatalogUpdates()
    {
        // 64 fp32 values a row: 256 bytes, 1024 rows a segment; three full segments and a partial one.
        const int Dimension = 64;
        const int SegmentRows = 1024;
        const int BytesPerRow = (Dimension * sizeof(float)) + sizeof(long);
        var n = (3 * SegmentRows) + 100;
        var ids = RetrievalReference.Ids(n);
        var matrix = RetrievalReference.Build(ids, RetrievalReference.RandomVectors(n, Dimension, seed: 1), Dimension, VectorPrecision.Fp32);
        Assert.Equal(SegmentRows, matrix.Layout.SegmentRows);
        var queries = RetrievalReference.RandomVectors(3, Dimension, seed: 2);
        var original = matrix.Snapshot;

        AssertUploads(original, n * BytesPerRow, "the first query uploads the rows, once");
        AssertUploads(original, 0, "an unchanged snapshot uploads nothing");

        matrix.AddRange(Enumerable.Range(0, 50).Select(i => 9_000_000L + i).ToArray(), RetrievalReference.RandomVectors(50, Dimension, seed: 3));
        AssertUploads(matrix.Snapshot, 50 * BytesPerRow, "appended rows travel alone");

        Assert.True(matrix.Update(ids[1500], RetrievalReference.RandomVectors(1, Dimension, seed: 4)));
        AssertUploads(matrix.Snapshot, SegmentRows * BytesPerRow, "an update re-uploads the one segment it copied");

        Assert.True(matrix.Remove(ids[10]));
        AssertUploads(matrix.Snapshot, SegmentRows * BytesPerRow, "a removal re-uploads the segment whose hole the last row filled");

        var current = matrix.Snapshot;
        Answers.Assert(gpu, original, queries, [10, 100], "an older snapshot, after the updates");
        Answers.Assert(gpu, current, queries, [10, 100], "the latest snapshot again");

        void AssertUploads(ItemMatrixSnapshot snapshot, long bytes, string what)
        {
            var before = gpu.UploadedBytes;
            Answers.Assert(gpu, snapshot, queries, [10], what);
            Assert.True(gpu.UploadedBytes - before == bytes, $"{what}: {gpu.UploadedBytes - before} bytes uploaded, expected {bytes}");
        }
    }

    private void KAboveTheCatalog()
    {
        var snapshot = Answers.RandomCatalog(100, 100, VectorPrecision.Fp32, seed: 8).Snapshot;
        var filter = new ExclusionFilter(100);
        for (var r = 0; r < 30; r++)
        {
            filter.Exclude(r * 3);
        }

        var queries = RetrievalReference.RandomVectors(9, 100, seed: 9);
        Answers.Assert(gpu, snapshot, queries, [101, 1000], "k above the catalog");
        Answers.Assert(gpu, snapshot, queries, [1000], "k above the catalog, 30 rows excluded", [filter]);
        Assert.Equal(100, gpu.TopK(snapshot, queries.AsSpan(0, 100), 1000).Length);
        Assert.All(gpu.TopKBatch(snapshot, queries, 1000, [filter]), hits => Assert.Equal(70, hits.Length));
    }

    private void EmptyCatalog()
    {
        var matrix = new ItemMatrix(16);
        Assert.Empty(gpu.TopK(matrix.Snapshot, Ones(16), 10));
        Assert.All(gpu.TopKBatch(matrix.Snapshot, new float[16 * 20], 10), Assert.Empty);

        matrix.Add(1, Ones(16));
        Assert.Single(gpu.TopK(matrix.Snapshot, Ones(16), 10));
        Assert.True(matrix.Remove(1));
        Assert.Empty(gpu.TopK(matrix.Snapshot, Ones(16), 10));
    }

    private void KAboveTheLimit()
    {
        var k = gpu.MaxK + 1;
        var snapshot = Answers.RandomCatalog(k + 500, 16, VectorPrecision.Fp32, seed: 10).Snapshot;
        var queries = RetrievalReference.RandomVectors(3, 16, seed: 11);
        var before = launches?.Invoke();

        var single = gpu.TopK(snapshot, queries.AsSpan(0, 16), k);
        var batch = gpu.TopKBatch(snapshot, queries, k);

        Assert.Equal(ExactTopK.TopK(snapshot, queries.AsSpan(0, 16), k), single);
        Assert.Equal(ExactTopK.TopKBatch(snapshot, queries, k), batch);
        Assert.Equal(before, launches?.Invoke());
    }

    private void BadInput()
    {
        var matrix = new ItemMatrix(16);
        matrix.Add(1, Ones(16));
        var snapshot = matrix.Snapshot;
        var empty = new ItemMatrix(16).Snapshot;
        var nan = Ones(16);
        nan[3] = float.NaN;
        var infinite = Ones(32);
        infinite[20] = float.PositiveInfinity;
        var otherFilter = new ExclusionFilter(2);

        SameFailure(() => gpu.TopK(snapshot, new float[15], 1), () => ExactTopK.TopK(snapshot, new float[15], 1));
        SameFailure(() => gpu.TopK(empty, new float[15], 1), () => ExactTopK.TopK(empty, new float[15], 1));
        SameFailure(() => gpu.TopK(snapshot, nan, 1), () => ExactTopK.TopK(snapshot, nan, 1));
        SameFailure(() => gpu.TopKBatch(snapshot, infinite, 1), () => ExactTopK.TopKBatch(snapshot, infinite, 1));
        SameFailure(() => gpu.TopK(snapshot, Ones(16), 0), () => ExactTopK.TopK(snapshot, Ones(16), 0));
        SameFailure(() => gpu.TopKBatch(snapshot, Ones(16), -1), () => ExactTopK.TopKBatch(snapshot, Ones(16), -1));
        SameFailure(() => gpu.TopK(snapshot, Ones(16), 1, otherFilter), () => ExactTopK.TopK(snapshot, Ones(16), 1, otherFilter));
        SameFailure(() => gpu.TopKBatch(snapshot, new float[17], 1), () => ExactTopK.TopKBatch(snapshot, new float[17], 1));
        SameFailure(() => gpu.TopKBatch(snapshot, new float[48], 1, [null, null]), () => ExactTopK.TopKBatch(snapshot, new float[48], 1, [null, null]));
        SameFailure(() => gpu.TopKBatch(snapshot, new float[32], 1, [otherFilter]), () => ExactTopK.TopKBatch(snapshot, new float[32], 1, [otherFilter]));
    }

    private void ParallelCallers()
    {
        var snapshot = Answers.RandomCatalog(full ? 70_000 : 2000, 32, VectorPrecision.Fp32, seed: 12).Snapshot;
        var batches = Enumerable.Range(0, 8).Select(i => RetrievalReference.RandomVectors(3, 32, seed: 100 + i)).ToArray();
        var alone = batches.Select(b => gpu.TopKBatch(snapshot, b, 50)).ToArray();
        var together = new (long Id, float Score)[8][][];

        Parallel.For(0, 8, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i => together[i] = gpu.TopKBatch(snapshot, batches[i], 50));

        for (var i = 0; i < 8; i++)
        {
            Assert.Equal(alone[i], together[i]);
        }
    }

    private void TwoCatalogsInTurn()
    {
        var a = Answers.RandomCatalog(1000, 16, VectorPrecision.Fp32, seed: 13).Snapshot;
        var b = Answers.RandomCatalog(1500, 100, VectorPrecision.Fp16, seed: 14).Snapshot;
        for (var round = 0; round < 2; round++)
        {
            Answers.Assert(gpu, a, RetrievalReference.RandomVectors(2, 16, seed: round), [10], $"catalog a, round {round}");
            Answers.Assert(gpu, b, RetrievalReference.RandomVectors(2, 100, seed: round), [10], $"catalog b, round {round}");
        }
    }

    /// <summary>Exactly ExactTopK's answer: ids, order and (exact integer) scores.</summary>
    private void AssertSameAsCpu(ItemMatrixSnapshot snapshot, float[] queries, int k, ExclusionFilter? filter)
    {
        var cpu = ExactTopK.TopKBatch(snapshot, queries, k, [filter]);
        var hits = queries.Length == snapshot.Dimension ? [gpu.TopK(snapshot, queries, k, filter)] : gpu.TopKBatch(snapshot, queries, k, [filter]);
        Assert.Equal(cpu, hits);
    }

    private static void SameFailure(Action onGpu, Action onCpu)
    {
        var expected = Record.Exception(onCpu);
        var actual = Record.Exception(onGpu);
        Assert.NotNull(expected);
        Assert.NotNull(actual);
        Assert.Equal(expected.GetType(), actual.GetType());
        Assert.Equal(expected.Message, actual.Message);
    }

    private static float[] Ones(int n) => Enumerable.Repeat(1f, n).ToArray();
}
