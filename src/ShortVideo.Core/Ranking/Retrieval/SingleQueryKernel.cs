using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace ShortVideo.Ranking.Retrieval;

/// <summary>
/// Fused dot product and top-k for one query over the rows of one segment: eight rows at a time, each row's
/// values read in address order into its own Vector512 FMA accumulator, the eight scores compared with the
/// heap's threshold at once (one compare in the common case). No score array, no sort.
/// </summary>
/// <remarks>
/// Batch 1 is a stream of the whole matrix, so the order of the loads decides the rate. Reading row by row
/// keeps the hardware prefetcher on one sequential stream; the earlier column-major order (value block c of
/// eight rows 256 bytes apart, then block c + 1) ran at 0.55-0.6x this order's rate on one thread of a 2-core
/// AMD EPYC, and at 0.84-1.05x OpenBLAS's sgemv + heap on the same rows and threads (svctl bench rank, 1M x 64
/// fp32, batch 1), where this kernel runs at 1.24-1.60x. The block 2 KiB ahead is also prefetched in software,
/// into the next segment at the end of this one, because hardware prefetchers stop at 4 KiB page boundaries
/// and segments are separate allocations (3-9% more).
/// </remarks>
internal static unsafe class SingleQueryKernel
{
    private const int Block = 8;

    // How far ahead the software prefetch runs; 1-8 KiB measured alike, 2 KiB a little ahead of the rest.
    private const int PrefetchBytes = 2048;

    /// <param name="data">The segment's first row.</param>
    /// <param name="ids">The segment's ids.</param>
    /// <param name="rows">Rows of the segment in the snapshot.</param>
    /// <param name="firstRow">Snapshot row index of the segment's first row (a multiple of 64).</param>
    /// <param name="rowBytes">Bytes from one row to the next.</param>
    /// <param name="stride">Values per row, padding included.</param>
    /// <param name="query">The query, 64-byte aligned and zero-padded to <paramref name="stride"/>.</param>
    /// <param name="filter">Rows to skip, or null.</param>
    /// <param name="next">The first row of the segment this scan reads next, or null: where the prefetch continues.</param>
    /// <param name="heap">Where the hits go.</param>
    // Fully optimized at the first call: tier-0 SIMD code is many times slower, and a query calls this once per
    // segment, so the first queries after a start (or a benchmark's warm-up) would run mostly unoptimized.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Scan<TRows>(
        byte* data, long[] ids, int rows, int firstRow, int rowBytes, int stride, float* query, ExclusionFilter? filter, byte* next, ref TopKHeap heap)
        where TRows : struct, IRowLoader
    {
        var segmentBytes = (long)rows * rowBytes;
        var blockBytes = Block * rowBytes;
        for (var word = 0; word * 64 < rows; word++)
        {
            var excluded = filter is null ? 0UL : filter.Word((firstRow >> 6) + word);
            if (excluded == ulong.MaxValue)
            {
                continue;
            }

            var start = word * 64;
            var end = Math.Min(rows, start + 64);
            var r = start;
            for (; r + Block <= end; r += Block)
            {
                var skip = (byte)(excluded >> (r - start));
                if (skip == byte.MaxValue)
                {
                    continue;
                }

                var p = data + ((long)r * rowBytes);
                Prefetch(data, segmentBytes, next, ((long)r * rowBytes) + PrefetchBytes, blockBytes);
                var scores = ScoreBlock<TRows>(p, rowBytes, stride, query);
                // One compare for eight rows: in the common case none reaches the k-th best so far.
                var above = (uint)Vector256.GreaterThanOrEqual(scores, Vector256.Create(heap.Threshold)).ExtractMostSignificantBits() & ~(uint)skip;
                if (above == 0)
                {
                    continue;
                }

                for (var i = 0; i < Block; i++)
                {
                    if ((above & (1u << i)) != 0)
                    {
                        heap.Offer(scores.GetElement(i), ids[r + i]);
                    }
                }
            }

            for (; r < end; r++)
            {
                if ((excluded & (1UL << (r - start))) == 0)
                {
                    heap.Offer(ScoreRow<TRows>(data + ((long)r * rowBytes), stride, query), ids[r]);
                }
            }
        }
    }

    /// <summary>Prefetches <paramref name="bytes"/> from <paramref name="offset"/> of this segment, or of the next one past its end.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Prefetch(byte* data, long segmentBytes, byte* next, long offset, int bytes)
    {
        if (!Sse.IsSupported)
        {
            // Arm64: no prefetch intrinsic in .NET; its hardware prefetchers see the same sequential stream.
            return;
        }

        var ahead = offset < segmentBytes ? data + offset : next == null ? null : next + (offset - segmentBytes);
        if (ahead == null)
        {
            return;
        }

        for (var b = 0; b < bytes; b += 64)
        {
            Sse.Prefetch0(ahead + b);
        }
    }

    /// <summary>Scores of the eight rows from <paramref name="p"/>, each row read in address order.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> ScoreBlock<TRows>(byte* p, int rowBytes, int stride, float* query)
        where TRows : struct, IRowLoader =>
        Reduce(
            Accumulate<TRows>(p, stride, query),
            Accumulate<TRows>(p + rowBytes, stride, query),
            Accumulate<TRows>(p + (2 * rowBytes), stride, query),
            Accumulate<TRows>(p + (3 * rowBytes), stride, query),
            Accumulate<TRows>(p + (4 * rowBytes), stride, query),
            Accumulate<TRows>(p + (5 * rowBytes), stride, query),
            Accumulate<TRows>(p + (6 * rowBytes), stride, query),
            Accumulate<TRows>(p + (7 * rowBytes), stride, query));

    /// <summary>
    /// One row's products summed per lane (16 partial sums), in the same order as the earlier column-major
    /// kernel, so scores are bit-identical to its.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> Accumulate<TRows>(byte* row, int stride, float* query)
        where TRows : struct, IRowLoader
    {
        var a = Vector512<float>.Zero;
        for (var c = 0; c < stride; c += ItemMatrixLayout.Lane)
        {
            a = Vector512.FusedMultiplyAdd(TRows.Load(row, c), Vector512.LoadAligned(query + c), a);
        }

        return a;
    }

    /// <summary>
    /// Eight accumulators to eight sums in one vector: halves folded, then a horizontal-add tree and one lane
    /// swap; about 25 instructions where eight Vector512.Sum calls took about 70, which keeps the per-row work
    /// small next to the row's loads at D = 64.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> Reduce(
        Vector512<float> a0, Vector512<float> a1, Vector512<float> a2, Vector512<float> a3,
        Vector512<float> a4, Vector512<float> a5, Vector512<float> a6, Vector512<float> a7)
    {
        if (!Avx.IsSupported)
        {
            // Arm64 and x86 without AVX: the same sums, lane by lane (slower, same answers).
            return Vector256.Create(
                Vector512.Sum(a0), Vector512.Sum(a1), Vector512.Sum(a2), Vector512.Sum(a3),
                Vector512.Sum(a4), Vector512.Sum(a5), Vector512.Sum(a6), Vector512.Sum(a7));
        }

        var t01 = Avx.HorizontalAdd(a0.GetLower() + a0.GetUpper(), a1.GetLower() + a1.GetUpper());
        var t23 = Avx.HorizontalAdd(a2.GetLower() + a2.GetUpper(), a3.GetLower() + a3.GetUpper());
        var t45 = Avx.HorizontalAdd(a4.GetLower() + a4.GetUpper(), a5.GetLower() + a5.GetUpper());
        var t67 = Avx.HorizontalAdd(a6.GetLower() + a6.GetUpper(), a7.GetLower() + a7.GetUpper());
        var u0 = Avx.HorizontalAdd(t01, t23);
        var u1 = Avx.HorizontalAdd(t45, t67);
        return Avx.Permute2x128(u0, u1, 0x20) + Avx.Permute2x128(u0, u1, 0x31);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static float ScoreRow<TRows>(byte* p, int stride, float* query)
        where TRows : struct, IRowLoader => Vector512.Sum(Accumulate<TRows>(p, stride, query));
}
