using System.Runtime.InteropServices;

namespace ShortVideo.Ranking.Retrieval;

/// <summary>Batched queries: each tile of rows is read from memory once and scored against every query.</summary>
internal static unsafe partial class ExactTopK
{
    // Below this many queries the 64-row transpose costs more than the register tile saves, and each query
    // runs the single-query kernel (which streams the rows once per query instead).
    internal const int MinBatchForTiles = 8;

    /// <summary>
    /// Top-k of each of the <c>queries.Length / Dimension</c> queries (row-major). <paramref name="filters"/>:
    /// empty for none, one shared by every query, or one per query.
    /// </summary>
    public static (long Id, float Score)[][] TopKBatch(
        ItemMatrixSnapshot snapshot, ReadOnlySpan<float> queries, int k, ReadOnlySpan<ExclusionFilter?> filters = default)
    {
        var perQuery = RetrievalArguments.CheckBatch(snapshot, queries, k, filters);
        var batch = perQuery.Length;
        var dimension = snapshot.Dimension;
        var results = new (long Id, float Score)[batch][];
        if (snapshot.Count == 0 || batch < MinBatchForTiles)
        {
            for (var i = 0; i < batch; i++)
            {
                results[i] = snapshot.Count == 0 ? [] : TopK(snapshot, queries.Slice(i * dimension, dimension), k, perQuery[i]);
            }

            return results;
        }

        var padded = (batch + BatchKernel.QueryGroup - 1) / BatchKernel.QueryGroup * BatchKernel.QueryGroup;
        var aligned = CopyAligned(queries, batch, snapshot.Layout);
        var partitions = Partitions(snapshot);
        var heaps = new TopKHeap[partitions][];
        try
        {
            for (var p = 0; p < partitions; p++)
            {
                heaps[p] = new TopKHeap[batch];
                for (var i = 0; i < batch; i++)
                {
                    heaps[p][i] = new TopKHeap(Math.Min(k, snapshot.Count));
                }
            }

            // The zero queries that pad the batch to a multiple of four are scored but offered to no heap.
            var paddedQueries = (float*)NativeMemory.AlignedAlloc((nuint)((long)padded * snapshot.Layout.Stride * sizeof(float)), ItemSegment.Alignment);
            try
            {
                var bytes = (long)batch * snapshot.Layout.Stride * sizeof(float);
                Buffer.MemoryCopy(aligned, paddedQueries, bytes, bytes);
                NativeMemory.Clear((byte*)paddedQueries + bytes, (nuint)(((long)padded * snapshot.Layout.Stride * sizeof(float)) - bytes));
                var job = new BatchJob(snapshot, paddedQueries, batch, perQuery, heaps, partitions);
                if (partitions == 1)
                {
                    job.Run(0);
                }
                else
                {
                    Parallel.For(0, partitions, job.Run);
                }
            }
            finally
            {
                NativeMemory.AlignedFree(paddedQueries);
            }

            for (var i = 0; i < batch; i++)
            {
                for (var p = 1; p < partitions; p++)
                {
                    heaps[0][i].Merge(ref heaps[p][i]);
                }

                results[i] = heaps[0][i].Drain();
            }

            GC.KeepAlive(snapshot);
            return results;
        }
        finally
        {
            foreach (var partition in heaps)
            {
                if (partition is null)
                {
                    continue;
                }

                foreach (ref var heap in partition.AsSpan())
                {
                    heap.Dispose();
                }
            }

            NativeMemory.AlignedFree(aligned);
        }
    }

    private sealed class BatchJob(ItemMatrixSnapshot snapshot, float* queries, int batch, ExclusionFilter?[] filters, TopKHeap[][] heaps, int partitions)
    {
        public void Run(int partition)
        {
            var layout = snapshot.Layout;
            var padded = (batch + BatchKernel.QueryGroup - 1) / BatchKernel.QueryGroup * BatchKernel.QueryGroup;
            var allowed = new ulong[padded];
            var panel = (float*)NativeMemory.AlignedAlloc((nuint)((long)layout.Stride * BatchKernel.TileRows * sizeof(float)), ItemSegment.Alignment);
            try
            {
                var (first, end) = SegmentRange(snapshot.Segments.Length, partition, partitions);
                for (var s = first; s < end; s++)
                {
                    ScanSegment(s, panel, allowed, heaps[partition]);
                }
            }
            finally
            {
                NativeMemory.AlignedFree(panel);
            }
        }

        private void ScanSegment(int s, float* panel, ulong[] allowed, TopKHeap[] partitionHeaps)
        {
            var layout = snapshot.Layout;
            var segment = snapshot.Segments[s];
            var rows = snapshot.RowsIn(s);
            var firstRow = s << layout.SegmentShift;
            for (var tile = 0; tile < rows; tile += BatchKernel.TileRows)
            {
                var count = Math.Min(BatchKernel.TileRows, rows - tile);
                var valid = count == BatchKernel.TileRows ? ulong.MaxValue : (1UL << count) - 1;
                var word = (firstRow + tile) >> 6;
                var any = 0UL;
                for (var i = 0; i < batch; i++)
                {
                    allowed[i] = valid & ~(filters[i]?.Word(word) ?? 0UL);
                    any |= allowed[i];
                }

                if (any == 0)
                {
                    continue;
                }

                var data = segment.Data + ((long)tile * layout.RowBytes);
                if (layout.Precision == VectorPrecision.Float32)
                {
                    BatchKernel.Transpose<SingleRows>(data, count, layout.RowBytes, layout.Stride, panel);
                }
                else
                {
                    BatchKernel.Transpose<HalfRows>(data, count, layout.RowBytes, layout.Stride, panel);
                }

                for (var g = 0; g < batch; g += BatchKernel.QueryGroup)
                {
                    BatchKernel.ScoreTile(
                        panel,
                        layout.Dimension,
                        queries + ((long)g * layout.Stride),
                        layout.Stride,
                        allowed.AsSpan(g, BatchKernel.QueryGroup),
                        segment.Ids,
                        tile,
                        partitionHeaps.AsSpan(g, Math.Min(BatchKernel.QueryGroup, batch - g)));
                }
            }
        }
    }
}
