using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace ShortVideo.Ranking.Retrieval;

/// <summary>
/// Many queries against the same rows, GEMM style. A tile of 64 rows is transposed once into a scratch
/// panel (dimension-major, 64 rows per dimension: 16 KiB at D = 64, in L1), then every group of four queries
/// runs a 4 x 64 register tile over it: per dimension 4 panel loads, 4 broadcasts and 16 FMAs, so the loop is
/// FMA-bound and lanes are rows, with no horizontal sums. The queries (B x D, 64 KiB for 256 x 64) stay in L2
/// while the items stream from memory once per batch.
/// </summary>
internal static unsafe class BatchKernel
{
    public const int TileRows = 64;
    public const int QueryGroup = 4;

    /// <summary>Copies rows [start, start + count) of a segment into <paramref name="panel"/>: panel[d * 64 + j] = row j, value d.</summary>
    public static void Transpose<TRows>(byte* rows, int count, int rowBytes, int stride, float* panel)
        where TRows : struct, IRowLoader
    {
        var chunk = stackalloc float[ItemMatrixLayout.Lane];
        for (var j = 0; j < count; j++)
        {
            var row = rows + ((long)j * rowBytes);
            for (var c = 0; c < stride; c += ItemMatrixLayout.Lane)
            {
                TRows.Load(row, c).Store(chunk);
                var column = panel + ((long)c * TileRows) + j;
                for (var e = 0; e < ItemMatrixLayout.Lane; e++)
                {
                    column[e * TileRows] = chunk[e];
                }
            }
        }

        for (var j = count; j < TileRows; j++)
        {
            for (var d = 0; d < stride; d++)
            {
                panel[((long)d * TileRows) + j] = 0;
            }
        }
    }

    /// <summary>
    /// Scores four queries (rows of <paramref name="queries"/>, <paramref name="stride"/> apart) against a
    /// transposed tile and offers every score above a heap's threshold; <paramref name="allowed"/> holds one
    /// 64-bit mask of offerable rows per query.
    /// </summary>
    public static void ScoreTile(
        float* panel, int dimension, float* queries, int stride, ReadOnlySpan<ulong> allowed, long[] ids, int idOffset, Span<TopKHeap> heaps)
    {
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
        var q0 = queries;
        var q1 = queries + stride;
        var q2 = queries + (2 * stride);
        var q3 = queries + (3 * stride);
        for (var d = 0; d < dimension; d++)
        {
            var t = panel + ((long)d * TileRows);
            var t0 = Vector512.LoadAligned(t);
            var t1 = Vector512.LoadAligned(t + 16);
            var t2 = Vector512.LoadAligned(t + 32);
            var t3 = Vector512.LoadAligned(t + 48);
            var b = Vector512.Create(q0[d]);
            a00 = Vector512.FusedMultiplyAdd(t0, b, a00);
            a01 = Vector512.FusedMultiplyAdd(t1, b, a01);
            a02 = Vector512.FusedMultiplyAdd(t2, b, a02);
            a03 = Vector512.FusedMultiplyAdd(t3, b, a03);
            b = Vector512.Create(q1[d]);
            a10 = Vector512.FusedMultiplyAdd(t0, b, a10);
            a11 = Vector512.FusedMultiplyAdd(t1, b, a11);
            a12 = Vector512.FusedMultiplyAdd(t2, b, a12);
            a13 = Vector512.FusedMultiplyAdd(t3, b, a13);
            b = Vector512.Create(q2[d]);
            a20 = Vector512.FusedMultiplyAdd(t0, b, a20);
            a21 = Vector512.FusedMultiplyAdd(t1, b, a21);
            a22 = Vector512.FusedMultiplyAdd(t2, b, a22);
            a23 = Vector512.FusedMultiplyAdd(t3, b, a23);
            b = Vector512.Create(q3[d]);
            a30 = Vector512.FusedMultiplyAdd(t0, b, a30);
            a31 = Vector512.FusedMultiplyAdd(t1, b, a31);
            a32 = Vector512.FusedMultiplyAdd(t2, b, a32);
            a33 = Vector512.FusedMultiplyAdd(t3, b, a33);
        }

        Offer(a00, a01, a02, a03, allowed[0], ids, idOffset, ref heaps[0]);
        if (heaps.Length > 1)
        {
            Offer(a10, a11, a12, a13, allowed[1], ids, idOffset, ref heaps[1]);
        }

        if (heaps.Length > 2)
        {
            Offer(a20, a21, a22, a23, allowed[2], ids, idOffset, ref heaps[2]);
        }

        if (heaps.Length > 3)
        {
            Offer(a30, a31, a32, a33, allowed[3], ids, idOffset, ref heaps[3]);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Offer(
        Vector512<float> s0, Vector512<float> s1, Vector512<float> s2, Vector512<float> s3, ulong allowed, long[] ids, int idOffset, ref TopKHeap heap)
    {
        // One compare per 16 rows: only rows at or above the k-th best so far go near the heap.
        var threshold = Vector512.Create(heap.Threshold);
        var mask = Vector512.GreaterThanOrEqual(s0, threshold).ExtractMostSignificantBits()
            | ((ulong)Vector512.GreaterThanOrEqual(s1, threshold).ExtractMostSignificantBits() << 16)
            | ((ulong)Vector512.GreaterThanOrEqual(s2, threshold).ExtractMostSignificantBits() << 32)
            | ((ulong)Vector512.GreaterThanOrEqual(s3, threshold).ExtractMostSignificantBits() << 48);
        mask &= allowed;
        if (mask == 0)
        {
            return;
        }

        var scores = stackalloc float[TileRows];
        s0.Store(scores);
        s1.Store(scores + 16);
        s2.Store(scores + 32);
        s3.Store(scores + 48);
        while (mask != 0)
        {
            var j = System.Numerics.BitOperations.TrailingZeroCount(mask);
            heap.Offer(scores[j], ids[idOffset + j]);
            mask &= mask - 1;
        }
    }
}
