namespace ShortVideo.Ranking.Retrieval;

/// <summary>
/// An immutable view of an <see cref="ItemMatrix"/> at one version: every query scans one snapshot from
/// start to end, so it sees each row either wholly before or wholly after a write, never half of it.
/// </summary>
public sealed unsafe class ItemMatrixSnapshot
{
    internal ItemMatrixSnapshot(ItemMatrixLayout layout, ItemSegment[] segments, int count, long version)
    {
        Layout = layout;
        Segments = segments;
        Count = count;
        Version = version;
    }

    /// <summary>Row and segment geometry.</summary>
    public ItemMatrixLayout Layout { get; }

    /// <summary>Values per vector.</summary>
    public int Dimension => Layout.Dimension;

    /// <summary>How values are stored.</summary>
    public VectorPrecision Precision => Layout.Precision;

    /// <summary>Rows in this snapshot; row indexes are 0..Count-1 and are what an <see cref="ExclusionFilter"/> flags.</summary>
    public int Count { get; }

    /// <summary>Increases by one with every publication of the writer.</summary>
    public long Version { get; }

    /// <summary>Segments holding the rows: row r is row r &amp; (SegmentRows - 1) of segment r &gt;&gt; SegmentShift.</summary>
    public int SegmentCount => Segments.Length;

    internal ItemSegment[] Segments { get; }

    /// <summary>Segment <paramref name="index"/> (0 .. <see cref="SegmentCount"/> - 1).</summary>
    public ItemSegment Segment(int index) => Segments[index];

    /// <summary>Rows of segment <paramref name="segment"/> that belong to this snapshot.</summary>
    public int RowsIn(int segment) => Math.Min(Layout.SegmentRows, Count - (segment << Layout.SegmentShift));

    /// <summary>The item id of <paramref name="row"/>.</summary>
    public long IdAt(int row)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(row);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(row, Count);
        return Segments[row >> Layout.SegmentShift].Ids[row & (Layout.SegmentRows - 1)];
    }

    /// <summary>The stored vector of <paramref name="row"/> as fp32 (fp16 storage widened).</summary>
    public void CopyRow(int row, Span<float> destination)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(row);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(row, Count);
        ArgumentOutOfRangeException.ThrowIfLessThan(destination.Length, Dimension);
        var segment = Segments[row >> Layout.SegmentShift];
        var p = segment.Data + (long)(row & (Layout.SegmentRows - 1)) * Layout.RowBytes;
        if (Precision == VectorPrecision.Fp32)
        {
            new ReadOnlySpan<float>(p, Dimension).CopyTo(destination);
        }
        else
        {
            var halves = new ReadOnlySpan<Half>(p, Dimension);
            for (var i = 0; i < halves.Length; i++)
            {
                destination[i] = (float)halves[i];
            }
        }

        GC.KeepAlive(segment);
    }

    /// <summary>The row holding <paramref name="id"/>, or -1: a linear scan, for tests and filter building.</summary>
    public int RowOf(long id)
    {
        for (var s = 0; s < Segments.Length; s++)
        {
            var rows = RowsIn(s);
            var index = Array.IndexOf(Segments[s].Ids, id, 0, Math.Max(0, rows));
            if (index >= 0)
            {
                return (s << Layout.SegmentShift) + index;
            }
        }

        return -1;
    }
}
