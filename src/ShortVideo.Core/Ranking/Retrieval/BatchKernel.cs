using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace ShortVideo.Ranking.Retrieval;

/// <summary>
/// Many queries against the same rows, GEMM style. A tile of 64 rows is transposed once into a panel
/// (dimension-major, 64 rows per dimension: 16 KiB at D = 64, in L1; see <see cref="PanelTranspose"/>), then
/// every group of six queries runs a 6 x 64 register tile over it: per dimension 4 panel loads, 6 broadcasts
/// and 24 FMAs into 24 zmm accumulators, so the loop is FMA-bound and lanes are rows, with no horizontal sums.
/// The queries are packed group by group, dimension-major (<see cref="PackQueries"/>), so one pointer walks
/// them; the whole batch (64 KiB for 256 x 64) stays in L2 while the items stream from memory once per batch.
/// </summary>
/// <remarks>
/// The former 4 x 64 tile measured 0.24 of the peak FMA rate in <c>svctl bench rank --batch 256</c>: the JIT
/// kept 12 of its 16 accumulators on the stack (a store after every FMA) because the heap calls after the
/// loop kept them live across calls. Nothing may be live across a call here: the rare hits leave through
/// <see cref="OfferHits"/> after the accumulators are stored. 6 x 64 uses 24 + 4 panel + 1 broadcast = 29 of
/// the 32 zmm registers and 10 loads per 24 FMAs, and runs at ~0.97 of the one-thread peak with its data in
/// cache (BatchKernelBenchmarks: 12.5 µs per 64 x 64 x 256 tile); a spill-free 4 x 64 was not measured.
/// </remarks>
internal static unsafe class BatchKernel
{
    public const int TileRows = 64;
    public const int QueryGroup = 6;
    private const int CacheLine = 64;
    private const int PrefetchLinesPerGroup = 8;

    /// <summary>Query groups for <paramref name="batch"/> queries (the last one padded with zero queries).</summary>
    public static int Groups(int batch) => (batch + QueryGroup - 1) / QueryGroup;

    /// <summary>
    /// Writes <c>packed[(g * stride + d) * 6 + i]</c> = value d of query <c>6g + i</c> from row-major,
    /// stride-padded <paramref name="queries"/>; the padding queries of the last group are zero.
    /// <paramref name="packed"/> holds <c>Groups(batch) * stride * 6</c> floats.
    /// </summary>
    public static void PackQueries(float* queries, int batch, int stride, float* packed)
    {
        var groups = Groups(batch);
        for (var g = 0; g < groups; g++)
        {
            var target = packed + ((long)g * stride * QueryGroup);
            for (var i = 0; i < QueryGroup; i++)
            {
                var q = (g * QueryGroup) + i;
                var source = queries + ((long)q * stride);
                for (var d = 0; d < stride; d++)
                {
                    target[(d * QueryGroup) + i] = q < batch ? source[d] : 0;
                }
            }
        }
    }

    /// <summary>
    /// Scores every query group against a transposed tile and offers each score at or above its query's
    /// threshold. <paramref name="thresholds"/> holds, per query, this worker's bar: its heap's threshold or a
    /// higher one another worker reached (NaN for padding queries, which never pass a compare); <paramref name="valid"/> flags the
    /// tile's rows; <paramref name="allowed"/> is empty or holds each query's offerable rows;
    /// <paramref name="scores"/> is scratch for 6 x 64 floats. The <paramref name="nextBytes"/> bytes at
    /// <paramref name="next"/> (the next tile's rows) are prefetched into L2 a few lines per group.
    /// </summary>
    /// <remarks>
    /// Without the prefetch the transpose waited on memory: a scan of 1M x 64 fp32 rows against 256 queries on
    /// one thread took 268 ms with it against 197 ms for the scoring alone and 26 ms for a bare transpose
    /// stream; with it 212 ms. Eight lines per group spread the 256 lines of a 64 x 64 tile over the first 32
    /// of its 43 groups; L2 rather than L1 keeps the panel and the query lines where they are.
    /// </remarks>
    public static void ScoreTile(
        float* panel,
        int dimension,
        float* packed,
        int stride,
        int batch,
        float* thresholds,
        ulong valid,
        ReadOnlySpan<ulong> allowed,
        long[] ids,
        int idOffset,
        Span<TopKHeap> heaps,
        float* scores,
        byte* next,
        int nextBytes)
    {
        var groups = Groups(batch);
        var nextLines = nextBytes / CacheLine;
        var linesPerGroup = Math.Max(PrefetchLinesPerGroup, (nextLines + groups - 1) / groups);
        for (var g = 0; g < groups; g++)
        {
            if (Sse.IsSupported)
            {
                var line = g * linesPerGroup;
                for (var end = Math.Min(nextLines, line + linesPerGroup); line < end; line++)
                {
                    Sse.Prefetch1(next + ((long)line * CacheLine));
                }
            }

            var a00 = Vector512<float>.Zero;
            var a01 = Vector512<float>.Zero;
            var a02 = Vector512<float>.Zero;
            var a03 = Vector512<float>.Zero;
            var a10 = Vector512<float>.Zero;
            var a11 = Vector512<float>.Zero;
            var a12 = Vector512<float>.Zero;
            var a13 = Vector512<float>.Zero;
            var a20 = Vector512<float>.Zero;
            var a21 = Vector512<float>.Zero;
            var a22 = Vector512<float>.Zero;
            var a23 = Vector512<float>.Zero;
            var a30 = Vector512<float>.Zero;
            var a31 = Vector512<float>.Zero;
            var a32 = Vector512<float>.Zero;
            var a33 = Vector512<float>.Zero;
            var a40 = Vector512<float>.Zero;
            var a41 = Vector512<float>.Zero;
            var a42 = Vector512<float>.Zero;
            var a43 = Vector512<float>.Zero;
            var a50 = Vector512<float>.Zero;
            var a51 = Vector512<float>.Zero;
            var a52 = Vector512<float>.Zero;
            var a53 = Vector512<float>.Zero;
            var q = packed + ((long)g * stride * QueryGroup);
            var t = panel;
            for (var d = 0; d < dimension; d++, t += TileRows, q += QueryGroup)
            {
                var t0 = Vector512.LoadAligned(t);
                var t1 = Vector512.LoadAligned(t + 16);
                var t2 = Vector512.LoadAligned(t + 32);
                var t3 = Vector512.LoadAligned(t + 48);
                var b = Vector512.Create(q[0]);
                a00 = Vector512.FusedMultiplyAdd(t0, b, a00);
                a01 = Vector512.FusedMultiplyAdd(t1, b, a01);
                a02 = Vector512.FusedMultiplyAdd(t2, b, a02);
                a03 = Vector512.FusedMultiplyAdd(t3, b, a03);
                b = Vector512.Create(q[1]);
                a10 = Vector512.FusedMultiplyAdd(t0, b, a10);
                a11 = Vector512.FusedMultiplyAdd(t1, b, a11);
                a12 = Vector512.FusedMultiplyAdd(t2, b, a12);
                a13 = Vector512.FusedMultiplyAdd(t3, b, a13);
                b = Vector512.Create(q[2]);
                a20 = Vector512.FusedMultiplyAdd(t0, b, a20);
                a21 = Vector512.FusedMultiplyAdd(t1, b, a21);
                a22 = Vector512.FusedMultiplyAdd(t2, b, a22);
                a23 = Vector512.FusedMultiplyAdd(t3, b, a23);
                b = Vector512.Create(q[3]);
                a30 = Vector512.FusedMultiplyAdd(t0, b, a30);
                a31 = Vector512.FusedMultiplyAdd(t1, b, a31);
                a32 = Vector512.FusedMultiplyAdd(t2, b, a32);
                a33 = Vector512.FusedMultiplyAdd(t3, b, a33);
                b = Vector512.Create(q[4]);
                a40 = Vector512.FusedMultiplyAdd(t0, b, a40);
                a41 = Vector512.FusedMultiplyAdd(t1, b, a41);
                a42 = Vector512.FusedMultiplyAdd(t2, b, a42);
                a43 = Vector512.FusedMultiplyAdd(t3, b, a43);
                b = Vector512.Create(q[5]);
                a50 = Vector512.FusedMultiplyAdd(t0, b, a50);
                a51 = Vector512.FusedMultiplyAdd(t1, b, a51);
                a52 = Vector512.FusedMultiplyAdd(t2, b, a52);
                a53 = Vector512.FusedMultiplyAdd(t3, b, a53);
            }

            // One compare per 16 rows: only rows at or above the k-th best so far go near a heap.
            var th = thresholds + (g * QueryGroup);
            var m0 = Above(a00, a01, a02, a03, th[0]) & valid;
            var m1 = Above(a10, a11, a12, a13, th[1]) & valid;
            var m2 = Above(a20, a21, a22, a23, th[2]) & valid;
            var m3 = Above(a30, a31, a32, a33, th[3]) & valid;
            var m4 = Above(a40, a41, a42, a43, th[4]) & valid;
            var m5 = Above(a50, a51, a52, a53, th[5]) & valid;
            if ((m0 | m1 | m2 | m3 | m4 | m5) == 0)
            {
                continue;
            }

            Store(scores, a00, a01, a02, a03);
            Store(scores + TileRows, a10, a11, a12, a13);
            Store(scores + (2 * TileRows), a20, a21, a22, a23);
            Store(scores + (3 * TileRows), a30, a31, a32, a33);
            Store(scores + (4 * TileRows), a40, a41, a42, a43);
            Store(scores + (5 * TileRows), a50, a51, a52, a53);
            var first = g * QueryGroup;
            OfferHits(scores, m0, first, thresholds, allowed, ids, idOffset, heaps);
            OfferHits(scores + TileRows, m1, first + 1, thresholds, allowed, ids, idOffset, heaps);
            OfferHits(scores + (2 * TileRows), m2, first + 2, thresholds, allowed, ids, idOffset, heaps);
            OfferHits(scores + (3 * TileRows), m3, first + 3, thresholds, allowed, ids, idOffset, heaps);
            OfferHits(scores + (4 * TileRows), m4, first + 4, thresholds, allowed, ids, idOffset, heaps);
            OfferHits(scores + (5 * TileRows), m5, first + 5, thresholds, allowed, ids, idOffset, heaps);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Above(Vector512<float> s0, Vector512<float> s1, Vector512<float> s2, Vector512<float> s3, float threshold)
    {
        var t = Vector512.Create(threshold);
        return Vector512.GreaterThanOrEqual(s0, t).ExtractMostSignificantBits()
            | (Vector512.GreaterThanOrEqual(s1, t).ExtractMostSignificantBits() << 16)
            | (Vector512.GreaterThanOrEqual(s2, t).ExtractMostSignificantBits() << 32)
            | (Vector512.GreaterThanOrEqual(s3, t).ExtractMostSignificantBits() << 48);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store(float* target, Vector512<float> s0, Vector512<float> s1, Vector512<float> s2, Vector512<float> s3)
    {
        s0.StoreAligned(target);
        s1.StoreAligned(target + 16);
        s2.StoreAligned(target + 32);
        s3.StoreAligned(target + 48);
    }

    /// <summary>Offers the rows of <paramref name="mask"/> (and of the query's allowed rows) to query <paramref name="query"/>'s heap.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void OfferHits(
        float* scores, ulong mask, int query, float* thresholds, ReadOnlySpan<ulong> allowed, long[] ids, int idOffset, Span<TopKHeap> heaps)
    {
        if (mask == 0 || query >= heaps.Length)
        {
            return;
        }

        if (!allowed.IsEmpty)
        {
            mask &= allowed[query];
        }

        ref var heap = ref heaps[query];
        while (mask != 0)
        {
            var j = BitOperations.TrailingZeroCount(mask);
            heap.Offer(scores[j], ids[idOffset + j]);
            mask &= mask - 1;
        }

        // The worker may already hold a higher bar from another worker's heap.
        if (heap.Threshold > thresholds[query])
        {
            thresholds[query] = heap.Threshold;
        }
    }
}
