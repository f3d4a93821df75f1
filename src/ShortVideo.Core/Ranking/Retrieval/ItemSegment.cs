using System.Runtime.InteropServices;

namespace ShortVideo.Ranking.Retrieval;

/// <summary>
/// One fixed-size block of rows in 64-byte aligned native memory, with the item id of each row.
/// Snapshots share segments; the writer copies a segment before touching a row any published snapshot
/// can see (copy-on-write), so a segment's visible rows never change under a reader, and a changed segment
/// is a new instance: a backend that mirrors rows elsewhere (a GPU) re-copies only instances it has not seen.
/// </summary>
/// <remarks>
/// Lifetime is the garbage collector's: the memory is freed by the finalizer once no snapshot (and so no
/// running query, which holds its snapshot) references the segment. An explicit free could not know
/// whether a reader still scans it without making readers register, and readers must never wait.
/// Keep the segment (or its snapshot) alive while a span of it is in use.
/// </remarks>
public sealed unsafe class ItemSegment
{
    internal const int Alignment = 64;

    private readonly long _bytes;

    internal ItemSegment(int rows, int rowBytes)
    {
        Rows = rows;
        _bytes = (long)rows * rowBytes;
        Data = (byte*)NativeMemory.AlignedAlloc((nuint)_bytes, Alignment);
        // Zeroed so the padding lanes of every row contribute 0 to a dot product.
        NativeMemory.Clear(Data, (nuint)_bytes);
        Ids = new long[rows];
        GC.AddMemoryPressure(_bytes);
    }

    /// <summary>Frees the native rows once nothing references the segment.</summary>
    ~ItemSegment()
    {
        NativeMemory.AlignedFree(Data);
        GC.RemoveMemoryPressure(_bytes);
    }

    /// <summary>Capacity in rows (<see cref="ItemMatrixLayout.SegmentRows"/>); a snapshot uses the first <see cref="ItemMatrixSnapshot.RowsIn"/>.</summary>
    public int Rows { get; }

    /// <summary>
    /// Every row's stored values, row-major, <see cref="ItemMatrixLayout.RowBytes"/> per row, padded with zeros,
    /// the first byte 64-byte aligned. Read-only: rows a snapshot can see never change.
    /// </summary>
    public ReadOnlySpan<byte> Vectors => new(Data, checked((int)_bytes));

    /// <summary>The item id of each row.</summary>
    public ReadOnlySpan<long> ItemIds => Ids;

    internal byte* Data { get; }

    internal long[] Ids { get; }

    internal long NativeBytes => _bytes;

    /// <summary>
    /// Rows [0, PublishedRows) of this instance are visible to some published snapshot and must not change;
    /// written and read by the writer only (under its lock).
    /// </summary>
    internal int PublishedRows { get; set; }

    /// <summary>A private copy of the first <paramref name="usedRows"/> rows, for the writer to change.</summary>
    internal ItemSegment Clone(int usedRows, int rowBytes)
    {
        var copy = new ItemSegment(Rows, rowBytes);
        Buffer.MemoryCopy(Data, copy.Data, _bytes, (long)usedRows * rowBytes);
        Array.Copy(Ids, copy.Ids, usedRows);
        return copy;
    }
}
