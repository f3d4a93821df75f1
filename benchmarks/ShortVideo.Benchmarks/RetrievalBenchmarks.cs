using BenchmarkDotNet.Attributes;
using ShortVideo.Ranking.Evaluation;
using ShortVideo.Ranking.Retrieval;

namespace ShortVideo.Benchmarks;

/// <summary>
/// Exact top-100 over 200k x 64 fp32 items (51 MiB, beyond L2 and L3 of the 2-core VM): the fused
/// Vector512 scan into a k-heap against a scalar scan into a full score array and a full sort, and 64
/// queries through the batched register-tile kernel against 64 single queries.
/// </summary>
[MemoryDiagnoser]
public class RetrievalBenchmarks
{
    private const int Items = 200_000;
    private const int Dimension = 64;
    private const int K = 100;
    private const int Batch = 64;
    private ItemMatrixSnapshot _snapshot = null!;
    private float[] _queries = null!;

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(42);
        var vectors = new float[Items * Dimension];
        var ids = new long[Items];
        for (var i = 0; i < vectors.Length; i++)
        {
            vectors[i] = (float)((random.NextDouble() * 2) - 1);
        }

        for (var i = 0; i < Items; i++)
        {
            ids[i] = i;
        }

        var matrix = new ItemMatrix(Dimension);
        matrix.AddRange(ids, vectors);
        _snapshot = matrix.Snapshot;
        _queries = new float[Batch * Dimension];
        for (var i = 0; i < _queries.Length; i++)
        {
            _queries[i] = (float)((random.NextDouble() * 2) - 1);
        }
    }

    [Benchmark(Baseline = true)]
    public int Naive_scalar_scores_and_full_sort() => NaiveTopK.TopK(_snapshot, _queries.AsSpan(0, Dimension), K).Length;

    [Benchmark]
    public int Fused_scan_into_a_k_heap() => ExactTopK.TopK(_snapshot, _queries.AsSpan(0, Dimension), K).Length;

    [Benchmark(OperationsPerInvoke = Batch)]
    public int Batch_of_64_register_tiles() => ExactTopK.TopKBatch(_snapshot, _queries, K).Length;

    [Benchmark(OperationsPerInvoke = Batch)]
    public int Sixty_four_single_queries()
    {
        var hits = 0;
        for (var i = 0; i < Batch; i++)
        {
            hits += ExactTopK.TopK(_snapshot, _queries.AsSpan(i * Dimension, Dimension), K).Length;
        }

        return hits;
    }
}
