using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace ShortVideo.Ranking.Retrieval;

/// <summary>
/// Fused dot product and top-k for one query over the rows of one segment: eight rows at a time with eight
/// Vector512 FMA accumulators, each score offered straight to the heap (one compare against its threshold
/// in the common case). No score array, no sort.
/// </summary>
internal static unsafe class SingleQueryKernel
{
    private const int Block = 8;

    /// <param name="data">The segment's first row.</param>
    /// <param name="ids">The segment's ids.</param>
    /// <param name="rows">Rows of the segment in the snapshot.</param>
    /// <param name="firstRow">Snapshot row index of the segment's first row (a multiple of 64).</param>
    /// <param name="rowBytes">Bytes from one row to the next.</param>
    /// <param name="stride">Values per row, padding included.</param>
    /// <param name="query">The query, 64-byte aligned and zero-padded to <paramref name="stride"/>.</param>
    /// <param name="filter">Rows to skip, or null.</param>
    /// <param name="heap">Where the hits go.</param>
    public static void Scan<TRows>(
        byte* data, long[] ids, int rows, int firstRow, int rowBytes, int stride, float* query, ExclusionFilter? filter, ref TopKHeap heap)
        where TRows : struct, IRowLoader
    {
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

                var scores = ScoreBlock<TRows>(data + ((long)r * rowBytes), rowBytes, stride, query);
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

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> ScoreBlock<TRows>(byte* p, int rowBytes, int stride, float* query)
        where TRows : struct, IRowLoader
    {
        var a0 = Vector512<float>.Zero;
        var a1 = Vector512<float>.Zero;
        var a2 = Vector512<float>.Zero;
        var a3 = Vector512<float>.Zero;
        var a4 = Vector512<float>.Zero;
        var a5 = Vector512<float>.Zero;
        var a6 = Vector512<float>.Zero;
        var a7 = Vector512<float>.Zero;
        for (var c = 0; c < stride; c += ItemMatrixLayout.Lane)
        {
            var q = Vector512.LoadAligned(query + c);
            a0 = Vector512.FusedMultiplyAdd(TRows.Load(p, c), q, a0);
            a1 = Vector512.FusedMultiplyAdd(TRows.Load(p + rowBytes, c), q, a1);
            a2 = Vector512.FusedMultiplyAdd(TRows.Load(p + (2 * rowBytes), c), q, a2);
            a3 = Vector512.FusedMultiplyAdd(TRows.Load(p + (3 * rowBytes), c), q, a3);
            a4 = Vector512.FusedMultiplyAdd(TRows.Load(p + (4 * rowBytes), c), q, a4);
            a5 = Vector512.FusedMultiplyAdd(TRows.Load(p + (5 * rowBytes), c), q, a5);
            a6 = Vector512.FusedMultiplyAdd(TRows.Load(p + (6 * rowBytes), c), q, a6);
            a7 = Vector512.FusedMultiplyAdd(TRows.Load(p + (7 * rowBytes), c), q, a7);
        }

        return Reduce(a0, a1, a2, a3, a4, a5, a6, a7);
    }

    /// <summary>
    /// Eight accumulators to eight sums in one vector: halves folded, then a horizontal-add tree and one lane
    /// swap; about 25 instructions where eight Vector512.Sum calls took about 70, and the scan is not purely
    /// memory-bound at D = 64 on two cores.
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
        where TRows : struct, IRowLoader
    {
        var a = Vector512<float>.Zero;
        for (var c = 0; c < stride; c += ItemMatrixLayout.Lane)
        {
            a = Vector512.FusedMultiplyAdd(TRows.Load(p, c), Vector512.LoadAligned(query + c), a);
        }

        return Vector512.Sum(a);
    }
}
