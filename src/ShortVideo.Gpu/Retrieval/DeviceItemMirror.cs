using ShortVideo.Gpu.Cuda;
using ShortVideo.Ranking.Retrieval;

namespace ShortVideo.Gpu.Retrieval;

/// <summary>
/// The item matrix on the device: segment s's rows at rows s x SegmentRows onwards, one buffer for the
/// vectors (same row layout as the host) and one for the ids (the kernels break score ties by id). A sync
/// uploads only what changed since the snapshot mirrored last: a segment instance the mirror has not seen
/// (the writer copies a segment before changing a published row, so a changed segment is a new instance)
/// or rows appended to one it has (a published row of an instance never changes).
/// </summary>
/// <remarks>Not thread-safe: <see cref="CudaTopK"/> syncs and launches under one lock.</remarks>
internal sealed unsafe class DeviceItemMirror(CudaDriver driver) : IDisposable
{
    private readonly DeviceBuffer _vectors = new(driver);
    private readonly DeviceBuffer _ids = new(driver);

    // Weak: the mirror must not keep replaced segments' native memory alive; a collected one simply differs.
    private readonly List<(WeakReference<ItemSegment> Segment, int Rows)> _mirrored = [];
    private ItemMatrixLayout? _layout;

    public ulong Vectors => _vectors.Address;

    public ulong Ids => _ids.Address;

    /// <summary>Bytes copied to the device so far (vectors and ids), for tests of the incremental sync.</summary>
    public long UploadedBytes { get; private set; }

    /// <summary>Makes the device hold the rows of <paramref name="snapshot"/>.</summary>
    public void Sync(ItemMatrixSnapshot snapshot)
    {
        var layout = snapshot.Layout;
        if (_layout != layout)
        {
            // Another catalog (dimension or precision): nothing on the device is reusable.
            _mirrored.Clear();
            _layout = layout;
        }

        var segments = snapshot.SegmentCount;
        var segmentRows = (long)layout.SegmentRows;
        _vectors.Ensure(segments * segmentRows * layout.RowBytes, preserve: true);
        _ids.Ensure(segments * segmentRows * sizeof(long), preserve: true);
        for (var s = 0; s < segments; s++)
        {
            var segment = snapshot.Segment(s);
            var rows = snapshot.RowsIn(s);
            var from = 0;
            if (s < _mirrored.Count && _mirrored[s].Segment.TryGetTarget(out var mirrored) && ReferenceEquals(mirrored, segment))
            {
                from = _mirrored[s].Rows;
                if (from >= rows)
                {
                    continue;
                }
            }

            Upload(segment, s * segmentRows, from, rows, layout);
            var entry = (new WeakReference<ItemSegment>(segment), rows);
            if (s < _mirrored.Count)
            {
                _mirrored[s] = entry;
            }
            else
            {
                _mirrored.Add(entry);
            }
        }

        GC.KeepAlive(snapshot);
    }

    public void Dispose()
    {
        _vectors.Dispose();
        _ids.Dispose();
    }

    private void Upload(ItemSegment segment, long firstRow, int from, int to, ItemMatrixLayout layout)
    {
        var vectorBytes = (long)(to - from) * layout.RowBytes;
        fixed (byte* vectors = segment.Vectors)
        {
            driver.CopyToDevice(_vectors.Address + (ulong)((firstRow + from) * layout.RowBytes), vectors + ((long)from * layout.RowBytes), vectorBytes);
        }

        var idBytes = (long)(to - from) * sizeof(long);
        fixed (long* ids = segment.ItemIds)
        {
            driver.CopyToDevice(_ids.Address + (ulong)((firstRow + from) * sizeof(long)), ids + from, idBytes);
        }

        UploadedBytes += vectorBytes + idBytes;
        GC.KeepAlive(segment);
    }
}
