using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

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

                ScoreBlock<TRows>(data + ((long)r * rowBytes), rowBytes, stride, query, out var scores);
                for (var i = 0; i < Block; i++)
                {
                    if ((skip & (1 << i)) == 0)
                    {
                        heap.Offer(scores[i], ids[r + i]);
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

    [InlineArray(Block)]
    internal struct BlockScores
    {
        private float _element;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void ScoreBlock<TRows>(byte* p, int rowBytes, int stride, float* query, out BlockScores scores)
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

        scores = default;
        scores[0] = Vector512.Sum(a0);
        scores[1] = Vector512.Sum(a1);
        scores[2] = Vector512.Sum(a2);
        scores[3] = Vector512.Sum(a3);
        scores[4] = Vector512.Sum(a4);
        scores[5] = Vector512.Sum(a5);
        scores[6] = Vector512.Sum(a6);
        scores[7] = Vector512.Sum(a7);
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
