using System.Runtime.InteropServices;
using ShortVideo.Ranking.Retrieval;

namespace ShortVideo.Ranking.Evaluation;

/// <summary>
/// The BLAS reference <c>svctl bench rank</c> holds <see cref="ExactTopK"/> against, the FAISS IndexFlatIP way:
/// OpenBLAS scores a segment of rows into an array (cblas_sgemv for one query, cblas_sgemm for a batch), then
/// a k-heap takes the best of the array. Same snapshot rows (each segment in place, lda = the layout's
/// stride), same threads: the segments are split into the partitions the fused scan uses, one worker each,
/// and OpenBLAS itself runs one thread per call, so both sides stream the same bytes on the same cores.
/// fp32 rows only; BLAS has no fp16 sgemv.
/// </summary>
internal static unsafe class BlasTopK
{
    /// <summary>
    /// Prepares OpenBLAS (<paramref name="library"/> loaded, one thread per call); false with the reason the
    /// reference cannot run on <paramref name="precision"/> rows here.
    /// </summary>
    public static bool TryPrepare(string library, VectorPrecision precision, out string reason)
    {
        if (precision != VectorPrecision.Fp32)
        {
            reason = "fp16 rows; cblas_sgemv reads fp32";
            return false;
        }

        if (!OpenBlas.TryLoad(library, out reason))
        {
            return false;
        }

        OpenBlas.SetThreads(1);
        return true;
    }

    /// <summary>What ran, for the report.</summary>
    public static string Describe(ItemMatrixSnapshot snapshot, int batch) =>
        $"{OpenBlas.Name}: {(batch == 1 ? "cblas_sgemv" : "cblas_sgemm")} per segment + k-heap, 1 BLAS thread on each of {ExactTopK.Partitions(snapshot)} workers";

    /// <summary>
    /// Top-k of each of the <c>queries.Length / Dimension</c> queries (row-major), sorted by score desc, id asc.
    /// Call <see cref="TryPrepare"/> first.
    /// </summary>
    public static (long Id, float Score)[][] TopK(ItemMatrixSnapshot snapshot, ReadOnlySpan<float> queries, int k)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var batch = queries.Length / snapshot.Dimension;
        var workers = ExactTopK.Partitions(snapshot);
        var heaps = new TopKHeap[workers][];
        var results = new (long Id, float Score)[batch][];
        fixed (float* q = queries)
        {
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

                var job = new Job(snapshot, q, batch, heaps, workers);
                if (workers == 1)
                {
                    job.Run(0);
                }
                else
                {
                    Parallel.For(0, workers, job.Run);
                }

                for (var i = 0; i < batch; i++)
                {
                    for (var p = 1; p < workers; p++)
                    {
                        heaps[0][i].Merge(ref heaps[p][i]);
                    }

                    results[i] = heaps[0][i].Drain();
                }
            }
            finally
            {
                foreach (var perWorker in heaps)
                {
                    foreach (ref var heap in (perWorker ?? []).AsSpan())
                    {
                        heap.Dispose();
                    }
                }
            }
        }

        return results;
    }

    /// <summary>One worker's segments: BLAS scores each into a batch x segment-rows array, then the heaps read it.</summary>
    private sealed class Job(ItemMatrixSnapshot snapshot, float* queries, int batch, TopKHeap[][] heaps, int workers)
    {
        public void Run(int worker)
        {
            var layout = snapshot.Layout;
            var (first, end) = ExactTopK.SegmentRange(snapshot.SegmentCount, worker, workers);
            var scores = (float*)NativeMemory.AlignedAlloc((nuint)((long)batch * layout.SegmentRows * sizeof(float)), 64);
            try
            {
                for (var s = first; s < end; s++)
                {
                    var segment = snapshot.Segment(s);
                    var rows = snapshot.RowsIn(s);
                    fixed (byte* data = segment.Vectors)
                    {
                        if (batch == 1)
                        {
                            OpenBlas.Sgemv(OpenBlas.RowMajor, OpenBlas.NoTrans, rows, layout.Dimension, 1, (float*)data, layout.Stride, queries, 1, 0, scores, 1);
                        }
                        else
                        {
                            // scores[batch x rows] = queries[batch x D] * rows[rows x D]^T.
                            OpenBlas.Sgemm(
                                OpenBlas.RowMajor, OpenBlas.NoTrans, OpenBlas.Trans, batch, rows, layout.Dimension,
                                1, queries, layout.Dimension, (float*)data, layout.Stride, 0, scores, layout.SegmentRows);
                        }
                    }

                    var ids = segment.ItemIds;
                    for (var i = 0; i < batch; i++)
                    {
                        ref var heap = ref heaps[worker][i];
                        var row = scores + ((long)i * layout.SegmentRows);
                        for (var r = 0; r < rows; r++)
                        {
                            heap.Offer(row[r], ids[r]);
                        }
                    }
                }
            }
            finally
            {
                NativeMemory.AlignedFree(scores);
            }
        }
    }
}
