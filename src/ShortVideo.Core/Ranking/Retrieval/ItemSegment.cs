using System.Runtime.InteropServices;

namespace ShortVideo.Ranking.Retrieval;

/// <summary>
/// One fixed-size block of rows in 64-byte aligned native memory, with the item id of each row.
/// Snapshots share segments; the writer copies a segment before touching a row any published snapshot
/// can see (copy-on-write), so a segment's visible rows never change under a reader.
/// </summary>
/// <remarks>
/// Lifetime is the garbage collector's: the memory is freed by the finalizer once no snapshot (and so no
/// running query, which holds its snapshot) references the segment. An explicit free could not know
/// whether a reader still scans it without making readers register, and readers must never wait.
/// </remarks>
internal sealed unsafe class ItemSegment
{
    public const int Alignment = 64;

    private readonly long _bytes;

    public ItemSegment(int rows, int rowBytes)
    {
        Rows = rows;
        _bytes = (long)rows * rowBytes;
        Data = (byte*)NativeMemory.AlignedAlloc((nuint)_bytes, Alignment);
        // Zeroed so the padding lanes of every row contribute 0 to a dot product.
        NativeMemory.Clear(Data, (nuint)_bytes);
        Ids = new long[rows];
        GC.AddMemoryPressure(_bytes);
    }

    ~ItemSegment()
    {
        NativeMemory.AlignedFree(Data);
        GC.RemoveMemoryPressure(_bytes);
    }

    public int Rows { get; }

    public byte* Data { get; }

    public long[] Ids { get; }

    public long NativeBytes => _bytes;

    /// <summary>
    /// Rows [0, PublishedRows) of this instance are visible to some published snapshot and must not change;
    /// written and read by the writer only (under its lock).
    /// </summary>
    public int PublishedRows { get; set; }

    /// <summary>A private copy of the first <paramref name="usedRows"/> rows, for the writer to change.</summary>
    public ItemSegment Clone(int usedRows, int rowBytes)
    {
        var copy = new ItemSegment(Rows, rowBytes);
        Buffer.MemoryCopy(Data, copy.Data, _bytes, (long)usedRows * rowBytes);
        Array.Copy(Ids, copy.Ids, usedRows);
        return copy;
    }
}
