using System.Runtime.InteropServices;
using BenchmarkDotNet.Attributes;
using ShortVideo.Ranking.Retrieval;

namespace ShortVideo.Benchmarks;

/// <summary>
/// The batch kernel alone, on one thread, with everything in L1/L2: one 64 x 64 fp32 tile transposed into
/// its panel (in registers, and value by value as where AVX-512 is missing), and the panel scored against
/// 256 packed queries with thresholds no score reaches (no heap work).
/// A score call is 2 x 64 x 64 x 256 = 2.1 MFLOP, so GFLOP/s = 2097152 / (mean in ns); compare it with half of
/// <c>svctl bench rank</c>'s <c>peakGflops</c> (its peak is summed over both cores).
/// </summary>
public unsafe class BatchKernelBenchmarks
{
    private const int Dimension = 64;
    private const int Batch = 256;
    private ItemMatrixSnapshot _snapshot = null!;
    private float* _panel;
    private float* _packed;
    private float* _thresholds;
    private float* _scores;
    private TopKHeap[] _heaps = null!;

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(42);
        var vectors = new float[BatchKernel.TileRows * Dimension];
        var queries = new float[Batch * Dimension];
        var ids = new long[BatchKernel.TileRows];
        for (var i = 0; i < vectors.Length; i++)
        {
            vectors[i] = (float)((random.NextDouble() * 2) - 1);
        }

        for (var i = 0; i < queries.Length; i++)
        {
            queries[i] = (float)((random.NextDouble() * 2) - 1);
        }

        for (var i = 0; i < ids.Length; i++)
        {
            ids[i] = i;
        }

        var matrix = new ItemMatrix(Dimension);
        matrix.AddRange(ids, vectors);
        _snapshot = matrix.Snapshot;
        var padded = BatchKernel.Groups(Batch) * BatchKernel.QueryGroup;
        _panel = Allocate(BatchKernel.TileRows * Dimension);
        _packed = Allocate(padded * Dimension);
        _thresholds = Allocate(padded);
        _scores = Allocate(BatchKernel.TileRows * BatchKernel.QueryGroup);
        fixed (float* q = queries)
        {
            BatchKernel.PackQueries(q, Batch, Dimension, _packed);
        }

        new Span<float>(_thresholds, padded).Fill(float.MaxValue);
        _heaps = new TopKHeap[Batch];
        Transpose_one_tile();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        NativeMemory.AlignedFree(_panel);
        NativeMemory.AlignedFree(_packed);
        NativeMemory.AlignedFree(_thresholds);
        NativeMemory.AlignedFree(_scores);
    }

    [Benchmark]
    public void Transpose_one_tile() =>
        PanelTranspose.Transpose<SingleRows>(_snapshot.Segments[0].Data, BatchKernel.TileRows, _snapshot.Layout.RowBytes, Dimension, _panel);

    [Benchmark]
    public void Transpose_one_tile_value_by_value() =>
        PanelTranspose.Scalar<SingleRows>(_snapshot.Segments[0].Data, 0, BatchKernel.TileRows, _snapshot.Layout.RowBytes, Dimension, _panel);

    [Benchmark]
    public void Score_one_tile_against_256_queries() =>
        BatchKernel.ScoreTile(_panel, Dimension, _packed, Dimension, Batch, _thresholds, ulong.MaxValue, default, _snapshot.Segments[0].Ids, 0, _heaps, _scores, null, 0);

    private static float* Allocate(int floats) => (float*)NativeMemory.AlignedAlloc((nuint)(floats * sizeof(float)), 64);
}
