using System.Runtime.InteropServices;

namespace ShortVideo.Ranking.Retrieval;

/// <summary>
/// Exact maximum-inner-product top-k over an <see cref="ItemMatrixSnapshot"/>: every row is scored, the k
/// best are returned sorted by score descending, ties by id ascending. Large catalogs are scanned in
/// parallel partitions (one heap each, merged at the end).
/// </summary>
internal static unsafe partial class ExactTopK
{
    /// <summary>Top-k of one query; <paramref name="filter"/> flags rows of this snapshot to leave out.</summary>
    public static (long Id, float Score)[] TopK(ItemMatrixSnapshot snapshot, ReadOnlySpan<float> query, int k, ExclusionFilter? filter = null)
    {
        RetrievalArguments.CheckQuery(snapshot, query, k, filter);
        if (snapshot.Count == 0)
        {
            return [];
        }

        var layout = snapshot.Layout;
        var aligned = CopyAligned(query, 1, layout);
        var partitions = Partitions(snapshot);
        var heaps = new TopKHeap[partitions];
        try
        {
            for (var p = 0; p < partitions; p++)
            {
                heaps[p] = new TopKHeap(Math.Min(k, snapshot.Count));
            }

            var job = new SingleQueryJob(snapshot, aligned, filter, heaps, partitions);
            if (partitions == 1)
            {
                job.Run(0);
            }
            else
            {
                Parallel.For(0, partitions, job.Run);
            }

            for (var p = 1; p < partitions; p++)
            {
                heaps[0].Merge(ref heaps[p]);
            }

            GC.KeepAlive(snapshot);
            return heaps[0].Drain();
        }
        finally
        {
            foreach (ref var heap in heaps.AsSpan())
            {
                heap.Dispose();
            }

            NativeMemory.AlignedFree(aligned);
        }
    }

    /// <summary>
    /// Partitions for a scan of <paramref name="snapshot"/>: one per core from <see cref="ParallelThresholdRows"/>
    /// rows on, each a whole number of segments.
    /// </summary>
    internal static int Partitions(ItemMatrixSnapshot snapshot) =>
        snapshot.Count < ParallelThresholdRows ? 1 : Math.Min(Environment.ProcessorCount, snapshot.Segments.Length);

    // svctl bench rank (1M x 64 fp32) scanned ~31M rows/s per thread on a 2-core Xeon, and ~60M on one thread of
    // a quiet 2-core AMD EPYC since the row-order kernel, so 32768 rows are 0.5-1 ms on one thread, far above
    // Parallel.For's wake-up cost (tens of µs). Derived from those rates; the exact crossover has not been
    // measured yet.
    internal const int ParallelThresholdRows = 32_768;

    /// <summary>The segments [first, end) partition <paramref name="partition"/> of <paramref name="count"/> scans.</summary>
    internal static (int First, int End) SegmentRange(int segments, int partition, int count) =>
        ((int)((long)segments * partition / count), (int)((long)segments * (partition + 1) / count));

    /// <summary><paramref name="count"/> vectors copied into 64-byte aligned rows of the layout's stride, padding zeroed.</summary>
    private static float* CopyAligned(ReadOnlySpan<float> vectors, int count, ItemMatrixLayout layout)
    {
        var bytes = (nuint)((long)count * layout.Stride * sizeof(float));
        var aligned = (float*)NativeMemory.AlignedAlloc(bytes, ItemSegment.Alignment);
        NativeMemory.Clear(aligned, bytes);
        for (var i = 0; i < count; i++)
        {
            vectors.Slice(i * layout.Dimension, layout.Dimension).CopyTo(new Span<float>(aligned + ((long)i * layout.Stride), layout.Dimension));
        }

        return aligned;
    }

    /// <summary>The state of one single-query scan; <see cref="Run"/> is the Parallel.For body (no closure per query).</summary>
    private sealed class SingleQueryJob(ItemMatrixSnapshot snapshot, float* query, ExclusionFilter? filter, TopKHeap[] heaps, int partitions)
    {
        public void Run(int partition)
        {
            var layout = snapshot.Layout;
            var (first, end) = SegmentRange(snapshot.Segments.Length, partition, partitions);
            ref var heap = ref heaps[partition];
            for (var s = first; s < end; s++)
            {
                var segment = snapshot.Segments[s];
                var rows = snapshot.RowsIn(s);
                var firstRow = s << layout.SegmentShift;
                // This worker's next segment, where the kernel's prefetch runs on at the end of this one.
                var next = s + 1 < end ? snapshot.Segments[s + 1].Data : null;
                if (layout.Precision == VectorPrecision.Fp32)
                {
                    SingleQueryKernel.Scan<SingleRows>(segment.Data, segment.Ids, rows, firstRow, layout.RowBytes, layout.Stride, query, filter, next, ref heap);
                }
                else
                {
                    SingleQueryKernel.Scan<HalfRows>(segment.Data, segment.Ids, rows, firstRow, layout.RowBytes, layout.Stride, query, filter, next, ref heap);
                }
            }
        }
    }
}
