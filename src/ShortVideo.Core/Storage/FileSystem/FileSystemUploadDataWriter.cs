using ShortVideo.Uploads;

namespace ShortVideo.Storage.FileSystem;

internal sealed class FileSystemUploadDataWriter : IUploadDataWriter
{
    private readonly FileStream _stream;
    private readonly bool _flushToDisk;
    private long _committed;

    public FileSystemUploadDataWriter(FileStream stream, long offset, bool flushToDisk)
    {
        _stream = stream;
        _flushToDisk = flushToDisk;
        _committed = offset;

        // Bytes past the committed offset come from a writer that died before committing: drop them.
        if (stream.Length != offset)
        {
            stream.SetLength(offset);
        }

        stream.Position = offset;
    }

    public long Position => _stream.Position;

    /// <summary>
    /// A plain pwrite into the page cache, on the calling thread: it is a memory copy, and an async file
    /// write on Linux would only hop to another pool thread (and another core's cold cache) to do it.
    /// </summary>
    public ValueTask WriteAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        _stream.Write(data.Span);
        return ValueTask.CompletedTask;
    }

    public ValueTask<string?> CommitAsync(CancellationToken cancellationToken)
    {
        if (_flushToDisk)
        {
            _stream.Flush(flushToDisk: true);
        }

        _committed = _stream.Position;
        return ValueTask.FromResult<string?>(null);
    }

    public ValueTask RollbackAsync(CancellationToken cancellationToken)
    {
        _stream.SetLength(_committed);
        _stream.Position = _committed;
        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync() => _stream.DisposeAsync();
}
