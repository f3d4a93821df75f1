using System.Buffers;
using System.Security.Cryptography;

namespace ShortVideo.Ranking.Embeddings;

/// <summary>Reads snapshot bytes through a 64 KiB buffer, hashing what it hands out, and checks the trailer.</summary>
internal sealed class SnapshotReader(Stream stream) : IDisposable
{
    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private byte[] _buffer = ArrayPool<byte>.Shared.Rent(SnapshotWriter.BufferSize);
    private int _start;
    private int _end;

    /// <summary>Buffers <paramref name="bytes"/> (at most 64 KiB) for a <see cref="Take"/>, naming <paramref name="part"/> if the stream ends first.</summary>
    public async ValueTask EnsureAsync(int bytes, string part, CancellationToken cancellationToken)
    {
        if (!await TryFillAsync(bytes, cancellationToken).ConfigureAwait(false))
        {
            throw new InvalidDataException($"The embedding snapshot is truncated: it ends inside its {part}. Nothing was loaded.");
        }
    }

    public ReadOnlySpan<byte> Take(int bytes)
    {
        var span = _buffer.AsSpan(_start, bytes);
        _hash.AppendData(span);
        _start += bytes;
        return span;
    }

    /// <summary>Checks that the stream ends with the SHA-256 of everything taken, and nothing after it.</summary>
    public async ValueTask VerifyTrailerAsync(CancellationToken cancellationToken)
    {
        const int DigestBytes = 32;
        await EnsureAsync(DigestBytes, "checksum trailer", cancellationToken).ConfigureAwait(false);
        var expected = _buffer.AsMemory(_start, DigestBytes);
        _start += DigestBytes;
        var actual = _hash.GetHashAndReset();
        if (!CryptographicOperations.FixedTimeEquals(actual, expected.Span))
        {
            throw new InvalidDataException("The embedding snapshot is corrupt: its SHA-256 checksum does not match its contents. Nothing was loaded.");
        }

        if (await TryFillAsync(1, cancellationToken).ConfigureAwait(false))
        {
            throw new InvalidDataException("The embedding snapshot is corrupt: bytes follow its checksum trailer. Nothing was loaded.");
        }
    }

    public void Dispose()
    {
        _hash.Dispose();
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = [];
    }

    private async ValueTask<bool> TryFillAsync(int bytes, CancellationToken cancellationToken)
    {
        if (_end - _start >= bytes)
        {
            return true;
        }

        _buffer.AsSpan(_start, _end - _start).CopyTo(_buffer);
        _end -= _start;
        _start = 0;
        while (_end < bytes)
        {
            var read = await stream.ReadAsync(_buffer.AsMemory(_end), cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                return false;
            }

            _end += read;
        }

        return true;
    }
}
