using ShortVideo.Core.Tests.Ranking.Retrieval;
using ShortVideo.Gpu.Retrieval;
using ShortVideo.Ranking.Retrieval;

namespace ShortVideo.Gpu.Tests.Retrieval;

/// <summary>
/// What "the GPU answers like the CPU" means, checked scenario by scenario against a <see cref="CudaTopK"/>:
/// the same ids as the double-precision reference up to near-ties (the bar ExactTopK's own tests set), the
/// CPU's exact ids where scores tie exactly, the same exceptions. <paramref name="full"/>: the sizes a GPU runs
/// in seconds; otherwise the smaller ones the CPU emulator gets through in a few. <paramref name="launches"/>:
/// the kernel launches so far, where the driver can tell (the emulator), to prove which path answered.
/// </summary>
internal sealed partial class TopKAgreement(CudaTopK gpu, bool full, Func<int>? launches = null)
{
    public static TheoryData<string> Scenarios() =>
    [
        "random catalogs",
        "several chunks merged",
        "exclusion filters",
        "fp16 storage",
        "exact ties",
        "catalog updates",
        "k above the catalog",
        "empty catalog",
        "k above the GPU's limit",
        "bad input",
        "parallel callers",
        "two catalogs in turn",
    ];

    public void Run(string scenario)
    {
        Action run = scenario switch
        {
            "random catalogs" => RandomCatalogs,
            "several chunks merged" => SeveralChunksMerged,
            "exclusion filters" => ExclusionFilters,
            "fp16 storage" => Fp16Storage,
            "exact ties" => ExactTies,
            "catalog updates" => CatalogUpdates,
            "k above the catalog" => KAboveTheCatalog,
            "empty catalog" => EmptyCatalog,
            "k above the GPU's limit" => KAboveTheLimit,
            "bad input" => BadInput,
            "parallel callers" => ParallelCallers,
            "two catalogs in turn" => TwoCatalogsInTurn,
            _ => throw new ArgumentOutOfRangeException(nameof(scenario), scenario, "no such scenario"),
        };
        run();
    }

    private void RandomCatalogs()
    {
        int[] sizes = full ? [1, 255, 4097, 70_001] : [1, 255, 1100];
        int[] dimensions = full ? [16, 64, 100] : [16, 100];
        int[] batches = full ? [1, 64] : [1, 9];
        foreach (var n in sizes)
        {
            foreach (var dimension in dimensions)
            {
                var snapshot = Answers.RandomCatalog(n, dimension, VectorPrecision.Fp32, seed: n + dimension).Snapshot;
                foreach (var batch in batches)
                {
                    var queries = RetrievalReference.RandomVectors(batch, dimension, seed: batch + dimension);
                    var before = launches?.Invoke();
                    Answers.Assert(gpu, snapshot, queries, [1, 10, 100, 1000], $"n {n}, d {dimension}, batch {batch}");
                    Assert.True(launches?.Invoke() > before || before is null, "the kernels did not run");
                }
            }
        }
    }

    private void SeveralChunksMerged()
    {
        // Enough rows that phase 1 splits them into chunks and phase 2 (topk_merge) merges the chunks' lists.
        var n = full ? 300_000 : 20_000;
        var snapshot = Answers.RandomCatalog(n, 16, VectorPrecision.Fp32, seed: 21).Snapshot;
        var filter = new ExclusionFilter(n);
        for (var r = 0; r < n; r += 5)
        {
            filter.Exclude(r);
        }

        foreach (var batch in new[] { 1, 3 })
        {
            var queries = RetrievalReference.RandomVectors(batch, 16, seed: 22 + batch);
            foreach (var k in new[] { 1, 10, 100, 1000 })
            {
                Assert.True(TopKLaunchPlan.For(n, batch, k, gpu.Multiprocessors).NeedsMerge, $"batch {batch}, k {k} scans one chunk");
            }

            Answers.Assert(gpu, snapshot, queries, [1, 10, 100, 1000], $"several chunks, batch {batch}");
            Answers.Assert(gpu, snapshot, queries, [10, 1000], $"several chunks, batch {batch}, filtered", [filter]);
        }
    }

    private void ExclusionFilters()
    {
        var n = full ? 70_000 : 3000;
        const int Dimension = 32;
        var snapshot = Answers.RandomCatalog(n, Dimension, VectorPrecision.Fp32, seed: 5).Snapshot;
        var random = new Random(9);
        var shared = new ExclusionFilter(n);
        var everything = new ExclusionFilter(n);
        var sparse = new ExclusionFilter(n);
        for (var r = 0; r < n; r++)
        {
            // Whole 64-row words first (the first 20 words), then scattered rows.
            if (r < 64 * 20 || random.Next(3) == 0)
            {
                shared.Exclude(r);
            }

            if (r % 97 != 0)
            {
                sparse.Exclude(r);
            }

            everything.Exclude(r);
        }

        var queries = RetrievalReference.RandomVectors(9, Dimension, seed: 6);
        Answers.Assert(gpu, snapshot, queries, [10, 1000], "one filter for every query", [shared]);
        Answers.Assert(gpu, snapshot, queries, [10, 1000], "a filter per query", [sparse, null, shared, everything, sparse, null, null, shared, everything]);

        // k above what a filter leaves: exactly the rows left, none excluded.
        var left = n - sparse.ExcludedCount;
        Answers.Assert(gpu, snapshot, queries.AsSpan(0, Dimension).ToArray(), [left + 10], "k above the rows the filter leaves", [sparse]);
        Assert.Equal(left, gpu.TopK(snapshot, queries.AsSpan(0, Dimension), left + 10, sparse).Length);
        Assert.All(gpu.TopKBatch(snapshot, queries, 10, [everything]), Assert.Empty);
    }

    private void Fp16Storage()
    {
        var n = full ? 70_000 : 2000;
        foreach (var dimension in new[] { 16, 100 })
        {
            var snapshot = Answers.RandomCatalog(n, dimension, VectorPrecision.Fp16, seed: dimension).Snapshot;
            foreach (var batch in new[] { 1, 9 })
            {
                var queries = RetrievalReference.RandomVectors(batch, dimension, seed: 3 * batch);
                Answers.Assert(gpu, snapshot, queries, [10, 100], $"fp16, d {dimension}, batch {batch}");
            }
        }

        // The widening is exact, subnormals and signs included: a unit query reads one stored value back.
        float[] values = [0f, -0f, 1f, -2.5f, 65504f, -65504f, 6e-8f, -3e-5f, 0.1f, 1234.5f, 1e-4f, -7f, 0.333f, 42f, -0.001f, 3f];
        var matrix = new ItemMatrix(16, VectorPrecision.Fp16);
        matrix.Add(1, values);
        var unit = new float[16];
        for (var d = 0; d < 16; d++)
        {
            Array.Clear(unit);
            unit[d] = 1;
            Assert.Equal((float)(Half)values[d], gpu.TopK(matrix.Snapshot, unit, 1)[0].Score);
        }
    }
}
