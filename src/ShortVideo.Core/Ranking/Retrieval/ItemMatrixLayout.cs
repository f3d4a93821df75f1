using System.Numerics;

namespace ShortVideo.Ranking.Retrieval;

/// <summary>Row and segment geometry shared by the writer, the snapshots and the kernels.</summary>
public readonly record struct ItemMatrixLayout
{
    /// <summary>Kernels load 16 values at a time (one Vector512 of fp32, one Vector256 of fp16).</summary>
    public const int Lane = 16;

    // 256 KiB per segment: a copy-on-write of one segment (what a single Update or Remove of a published row
    // costs) stays around 20 µs of memcpy, while 1M x 64 fp32 is still under a thousand segments to walk.
    private const int SegmentTargetBytes = 256 * 1024;

    // Segments hold whole 64-row words of an ExclusionFilter, so a filter word never straddles two segments.
    private const int MinSegmentRows = 64;
    private const int MaxSegmentRows = 4096;

    /// <summary>The geometry of rows of <paramref name="dimension"/> values stored at <paramref name="precision"/>.</summary>
    public ItemMatrixLayout(int dimension, VectorPrecision precision)
    {
        Dimension = dimension;
        Precision = precision;
        Stride = (dimension + Lane - 1) / Lane * Lane;
        ElementBytes = precision == VectorPrecision.Fp32 ? sizeof(float) : 2;
        RowBytes = Stride * ElementBytes;
        var rows = (int)BitOperations.RoundUpToPowerOf2((uint)Math.Max(1, SegmentTargetBytes / RowBytes));
        SegmentRows = Math.Clamp(rows, MinSegmentRows, MaxSegmentRows);
        SegmentShift = BitOperations.Log2((uint)SegmentRows);
    }

    /// <summary>Values per vector.</summary>
    public int Dimension { get; }

    /// <summary>How each value is stored.</summary>
    public VectorPrecision Precision { get; }

    /// <summary>Values per row including the zero padding up to a multiple of <see cref="Lane"/>.</summary>
    public int Stride { get; }

    /// <summary>Bytes per stored value: 4 (fp32) or 2 (fp16).</summary>
    public int ElementBytes { get; }

    /// <summary>Bytes per row: <see cref="Stride"/> x <see cref="ElementBytes"/>, a multiple of 32.</summary>
    public int RowBytes { get; }

    /// <summary>Rows per segment, a power of two and a multiple of 64 (whole words of an <see cref="ExclusionFilter"/>).</summary>
    public int SegmentRows { get; }

    /// <summary>log2 of <see cref="SegmentRows"/>: row r lives in segment r &gt;&gt; SegmentShift.</summary>
    public int SegmentShift { get; }
}
