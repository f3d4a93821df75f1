namespace ShortVideo.Storage;

/// <summary>
/// Base of the read-only, forward-only streams the stores hand out (an upload file cut at its committed
/// length, an S3 object body): the position counts bytes read, everything else is not supported. Public for
/// the stores of adapters (<see cref="Blobs.IBlobStore"/>, <see cref="Uploads.IUploadDataStore"/>): a derived
/// stream implements the span and memory reads and <see cref="Stream.Length"/>, and passes what it read through
/// <see cref="Counted"/>.
/// </summary>
public abstract class ReadOnlyForwardStream : Stream
{
    private long _position;

    /// <inheritdoc/>
    public sealed override bool CanRead => true;

    /// <inheritdoc/>
    public sealed override bool CanSeek => false;

    /// <inheritdoc/>
    public sealed override bool CanWrite => false;

    /// <summary>Bytes read so far; setting it is not supported.</summary>
    public sealed override long Position
    {
        get => _position;
        set => throw new NotSupportedException();
    }

    /// <summary>Does nothing: nothing is written.</summary>
    public sealed override void Flush()
    {
    }

    /// <summary>Not supported.</summary>
    public sealed override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    /// <summary>Not supported.</summary>
    public sealed override void SetLength(long value) => throw new NotSupportedException();

    /// <summary>Not supported.</summary>
    public sealed override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    /// <inheritdoc/>
    public sealed override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    /// <inheritdoc/>
    public sealed override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    /// <summary>Derived streams read into spans and memory; the array overloads above forward to these.</summary>
    public abstract override int Read(Span<byte> buffer);

    /// <inheritdoc cref="Read(Span{byte})"/>
    public abstract override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken);

    /// <summary>Adds <paramref name="read"/> to the position and returns it.</summary>
    protected int Counted(int read)
    {
        _position += read;
        return read;
    }
}
