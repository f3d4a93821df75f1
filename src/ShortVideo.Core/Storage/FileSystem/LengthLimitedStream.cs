namespace ShortVideo.Storage.FileSystem;

/// <summary>Reads at most a given number of bytes of an inner stream: the committed part of an upload file.</summary>
internal sealed class LengthLimitedStream(Stream inner, long length) : ReadOnlyForwardStream
{
    private readonly long _length = length;

    public override long Length => _length;

    private long Remaining => _length - Position;

    public override int Read(Span<byte> buffer) =>
        Remaining <= 0 ? 0 : Counted(inner.Read(buffer[..(int)Math.Min(buffer.Length, Remaining)]));

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        Remaining <= 0 ? 0 : Counted(await inner.ReadAsync(buffer[..(int)Math.Min(buffer.Length, Remaining)], cancellationToken).ConfigureAwait(false));

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }

        base.Dispose(disposing);
    }

    public override async ValueTask DisposeAsync()
    {
        await inner.DisposeAsync().ConfigureAwait(false);
        await base.DisposeAsync().ConfigureAwait(false);
    }
}
