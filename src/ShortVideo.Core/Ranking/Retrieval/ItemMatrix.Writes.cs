using System.Runtime.CompilerServices;

namespace ShortVideo.Ranking.Retrieval;

/// <summary>Row writes and snapshot publication; every member runs under the write lock.</summary>
public sealed unsafe partial class ItemMatrix
{
    private void WriteRow(int row, long id, ReadOnlySpan<float> vector)
    {
        var (segment, offset) = WritableSegment(row);
        var p = segment.Data + (long)offset * Layout.RowBytes;
        if (Precision == VectorPrecision.Fp32)
        {
            vector.CopyTo(new Span<float>(p, Dimension));
        }
        else
        {
            var halves = new Span<Half>(p, Dimension);
            for (var i = 0; i < vector.Length; i++)
            {
                halves[i] = (Half)vector[i];
            }
        }

        segment.Ids[offset] = id;
    }

    private void MoveRow(int from, int to)
    {
        var source = _segments[from >> Layout.SegmentShift];
        var sourceOffset = from & (Layout.SegmentRows - 1);
        var (target, offset) = WritableSegment(to);
        Buffer.MemoryCopy(
            source.Data + (long)sourceOffset * Layout.RowBytes,
            target.Data + (long)offset * Layout.RowBytes,
            Layout.RowBytes,
            Layout.RowBytes);
        var id = source.Ids[sourceOffset];
        target.Ids[offset] = id;
        _rowOf[id] = to;
    }

    /// <summary>The segment holding <paramref name="row"/>, copied first when a published snapshot can see that row.</summary>
    private (ItemSegment Segment, int Offset) WritableSegment(int row)
    {
        var index = row >> Layout.SegmentShift;
        var offset = row & (Layout.SegmentRows - 1);
        if (index == _segments.Count)
        {
            _segments.Add(new ItemSegment(Layout.SegmentRows, Layout.RowBytes));
        }

        var segment = _segments[index];
        if (offset < segment.PublishedRows)
        {
            segment = segment.Clone(UsedRows(index), Layout.RowBytes);
            _segments[index] = segment;
        }

        return (segment, offset);
    }

    private int UsedRows(int segment) => Math.Clamp(_count - (segment << Layout.SegmentShift), 0, Layout.SegmentRows);

    private void Publish()
    {
        var used = (_count + Layout.SegmentRows - 1) >> Layout.SegmentShift;
        var segments = new ItemSegment[used];
        for (var s = 0; s < used; s++)
        {
            var segment = _segments[s];
            segment.PublishedRows = Math.Max(segment.PublishedRows, UsedRows(s));
            segments[s] = segment;
        }

        _version++;
        Volatile.Write(ref _snapshot, new ItemMatrixSnapshot(Layout, segments, _count, _version));
    }

    /// <summary>Native bytes of the segments the writer holds (for checking <see cref="BytesPerItem"/>).</summary>
    internal long NativeBytes
    {
        get
        {
            lock (_writeLock)
            {
                long bytes = 0;
                foreach (var segment in _segments)
                {
                    bytes += segment.NativeBytes;
                }

                return bytes;
            }
        }
    }

    /// <summary>Bytes per item of this layout: the padded row, its id, and its entry in the id-to-row map.</summary>
    public long BytesPerItem => BytesPerItemFor(Dimension, Precision);

    /// <summary>Row bytes (padding included) + 8 for the id + the writer's Dictionary&lt;long, int&gt; entry and bucket.</summary>
    public static long BytesPerItemFor(int dimension, VectorPrecision precision) =>
        new ItemMatrixLayout(dimension, precision).RowBytes + sizeof(long) + IdMapBytesPerItem;

    // Dictionary<long, int>: an entry is hashCode + next + key + value = 4 + 4 + 8 + 4 = 20, padded to 24, plus a
    // 4-byte bucket; the table grows to the next prime above the count, which this ignores.
    private static int IdMapBytesPerItem => Unsafe.SizeOf<long>() + 20;
}
