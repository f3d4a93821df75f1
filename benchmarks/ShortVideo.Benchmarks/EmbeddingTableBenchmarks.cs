using BenchmarkDotNet.Attributes;
using ShortVideo.Ranking.Embeddings;

namespace ShortVideo.Benchmarks;

/// <summary>
/// The ranker's read (copy a 64-dimension row out of a 100k-row table, fp32 against fp16 with its
/// conversion) and the learner's write (add a gradient step under the row's seqlock).
/// </summary>
[MemoryDiagnoser]
public class EmbeddingTableBenchmarks
{
    private const int Rows = 100_000;
    private readonly float[] _row = new float[64];
    private readonly float[] _step = new float[64];
    private EmbeddingTable _single = null!;
    private EmbeddingTable _half = null!;
    private long _next;

    [GlobalSetup]
    public void Setup()
    {
        _single = Create(EmbeddingStorage.Fp32);
        _half = Create(EmbeddingStorage.Fp16);
        Array.Fill(_step, 1e-4f);
    }

    [Benchmark(Baseline = true)]
    public bool TryGet_fp32() => _single.TryGet(NextId(), _row);

    [Benchmark]
    public bool TryGet_fp16() => _half.TryGet(NextId(), _row);

    [Benchmark]
    public bool Update_fp32() => _single.Update(NextId(), _step);

    [Benchmark]
    public bool Update_fp16() => _half.Update(NextId(), _step);

    // Strides through the table so lookups are not served from one hot cache line.
    private long NextId() => _next = (_next + 7919) % Rows;

    private static EmbeddingTable Create(EmbeddingStorage storage)
    {
        var table = new EmbeddingTable(new EmbeddingTableOptions { Dimension = 64, Storage = storage, AdmissionThreshold = 1 }, TimeProvider.System);
        for (long id = 0; id < Rows; id++)
        {
            table.Observe(id);
        }

        return table;
    }
}
