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

        var aligned = CopyAligned(queries, batch, snapshot.Layout);
        var workers = Partitions(snapshot);
        var heaps = new TopKHeap[workers][];
        try
        {
            for (var p = 0; p < workers; p++)
            {
                heaps[p] = new TopKHeap[batch];
                for (var i = 0; i < batch; i++)
                {
                    heaps[p][i] = new TopKHeap(Math.Min(k, snapshot.Count));
                }
            }

            // The packed queries, then each worker's thresholds (one per padded query, a cache line apart).
            var stride = snapshot.Layout.Stride;
            var padded = BatchKernel.Groups(batch) * BatchKernel.QueryGroup;
            var packedFloats = (long)padded * stride;
            var perWorker = (padded + ItemMatrixLayout.Lane - 1) / ItemMatrixLayout.Lane * ItemMatrixLayout.Lane;
            var packed = (float*)NativeMemory.AlignedAlloc((nuint)((packedFloats + ((long)workers * perWorker)) * sizeof(float)), ItemSegment.Alignment);
            try
            {
                BatchKernel.PackQueries(aligned, batch, stride, packed);
                var thresholds = packed + packedFloats;
                for (var i = 0; i < workers * perWorker; i++)
                {
                    // A padding query's NaN never passes a compare.
                    thresholds[i] = i % perWorker < batch ? float.NegativeInfinity : float.NaN;
                }

                var job = new BatchJob(snapshot, packed, thresholds, perWorker, batch, perQuery, heaps);
                if (workers == 1)
                {
                    job.Run(0);
                }
                else
                {
                    Parallel.For(0, workers, job.Run);
                }
            }
            finally
            {
                NativeMemory.AlignedFree(packed);
            }

            for (var i = 0; i < batch; i++)
            {
                for (var p = 1; p < workers; p++)
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

    /// <summary>
    /// One batched scan; <see cref="Run"/> is the Parallel.For body of each worker, which claims segments one at a
    /// time until none is left, so a worker that the OS descheduled (builds share this 2-core box) does not leave
    /// the other idle at the end as a fixed half of the segments each did.
    /// </summary>
    /// <remarks>
    /// Each worker fills heaps of its own, and lowers the bar of its kernel to the best threshold any worker has
    /// reached each time it claims a segment: a score below any worker's k-th best so far has k better rows in
    /// that worker's heap and can never be a final hit, so the answers do not depend on the split or the timing
    /// (heaps keep a total order, score desc and id asc, and every score is computed the same way). Each worker
    /// writes only its own thresholds, so the ~440k threshold raises of a batch of 256 over 1M rows (k = 100)
    /// stay in its own cache; against one array written by both it measured 1-2% less CPU per batch, within the
    /// noise of this shared VM, with no write racing another.
    /// </remarks>
    private sealed class BatchJob(
        ItemMatrixSnapshot snapshot, float* packed, float* thresholds, int perWorker, int batch, ExclusionFilter?[] filters, TopKHeap[][] heaps)
    {
        private readonly bool _filtered = Array.Exists(filters, f => f is not null);
        private int _next;

        public void Run(int worker)
        {
            var layout = snapshot.Layout;
            var allowed = _filtered ? new ulong[batch] : null;
            var mine = thresholds + ((long)worker * perWorker);
            var panel = (float*)NativeMemory.AlignedAlloc((nuint)((long)layout.Stride * BatchKernel.TileRows * sizeof(float)), ItemSegment.Alignment);
            var scores = (float*)NativeMemory.AlignedAlloc(BatchKernel.TileRows * BatchKernel.QueryGroup * sizeof(float), ItemSegment.Alignment);
            try
            {
                int s;
                while ((s = Interlocked.Increment(ref _next) - 1) < snapshot.Segments.Length)
                {
                    RaiseToOthers(mine);
                    ScanSegment(s, panel, scores, mine, allowed, heaps[worker]);
                }
            }
            finally
            {
                NativeMemory.AlignedFree(scores);
                NativeMemory.AlignedFree(panel);
            }
        }

        /// <summary>Raises each of <paramref name="mine"/> to the highest threshold of any worker (racy reads only lag).</summary>
        private void RaiseToOthers(float* mine)
        {
            for (var w = 0; w < heaps.Length; w++)
            {
                var theirs = thresholds + ((long)w * perWorker);
                if (theirs == mine)
                {
                    continue;
                }

                for (var i = 0; i < batch; i++)
                {
                    if (theirs[i] > mine[i])
                    {
                        mine[i] = theirs[i];
                    }
                }
            }
        }

        private void ScanSegment(int s, float* panel, float* scores, float* bar, ulong[]? allowed, TopKHeap[] workerHeaps)
        {
            var layout = snapshot.Layout;
            var segment = snapshot.Segments[s];
            var rows = snapshot.RowsIn(s);
            var firstRow = s << layout.SegmentShift;
            for (var tile = 0; tile < rows; tile += BatchKernel.TileRows)
            {
                var count = Math.Min(BatchKernel.TileRows, rows - tile);
                var valid = count == BatchKernel.TileRows ? ulong.MaxValue : (1UL << count) - 1;
                if (allowed is not null)
                {
                    // Filters are applied to the few rows that pass a threshold; here only a tile every query excludes is skipped.
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
                }

                var data = segment.Data + ((long)tile * layout.RowBytes);
                if (layout.Precision == VectorPrecision.Fp32)
                {
                    PanelTranspose.Transpose<SingleRows>(data, count, layout.RowBytes, layout.Stride, panel);
                }
                else
                {
                    PanelTranspose.Transpose<HalfRows>(data, count, layout.RowBytes, layout.Stride, panel);
                }

                var next = tile + BatchKernel.TileRows;
                var nextBytes = Math.Max(0, Math.Min(BatchKernel.TileRows, rows - next)) * layout.RowBytes;
                BatchKernel.ScoreTile(
                    panel, layout.Dimension, packed, layout.Stride, batch, bar, valid, allowed, segment.Ids, tile, workerHeaps, scores, data + ((long)BatchKernel.TileRows * layout.RowBytes), nextBytes);
            }
        }
    }
}
