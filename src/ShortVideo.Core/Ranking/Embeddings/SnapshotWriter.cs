using System.Buffers;
using System.Security.Cryptography;

namespace ShortVideo.Ranking.Embeddings;

/// <summary>Buffers snapshot bytes into 64 KiB writes and hashes everything it writes for the trailer.</summary>
internal sealed class SnapshotWriter(Stream stream) : IDisposable
{
    public const int BufferSize = 64 * 1024;

    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private byte[] _buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
    private int _used;

    /// <summary>Makes room for <paramref name="bytes"/> (at most <see cref="BufferSize"/>) before a <see cref="Take"/>.</summary>
    public ValueTask ReserveAsync(int bytes, CancellationToken cancellationToken) =>
        BufferSize - _used >= bytes ? ValueTask.CompletedTask : FlushAsync(cancellationToken);

    public Span<byte> Take(int bytes)
    {
        var span = _buffer.AsSpan(_used, bytes);
        _used += bytes;
        return span;
    }

    /// <summary>Writes what is buffered, then the SHA-256 of everything written.</summary>
    public async ValueTask FinishAsync(CancellationToken cancellationToken)
    {
        await FlushAsync(cancellationToken).ConfigureAwait(false);
        var digest = _hash.GetHashAndReset();
        await stream.WriteAsync(digest, cancellationToken).ConfigureAwait(false);
        await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    public void Dispose()
    {
        _hash.Dispose();
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = [];
    }

    private async ValueTask FlushAsync(CancellationToken cancellationToken)
    {
        _hash.AppendData(_buffer, 0, _used);
        await stream.WriteAsync(_buffer.AsMemory(0, _used), cancellationToken).ConfigureAwait(false);
        _used = 0;
    }
}
