using System.Buffers;
using System.Security.Cryptography;

namespace ShortVideo.Cli.Upload;

/// <summary>
/// The SHA-256 of the file's first <see cref="Position"/> bytes, moved forward as the server's offset moves.
/// Bytes come from the chunk just sent when it covers them (the usual case: no second read), else from the
/// file: on resume the already-uploaded prefix is hashed locally, because an IncrementalHash cannot be saved.
/// </summary>
internal sealed class FileHashCursor : IDisposable
{
    private const int FileReadSize = 1024 * 1024;

    private readonly SourceFile _file;
    private IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private long _position;

    public FileHashCursor(SourceFile file)
    {
        _file = file;
    }

    public long Position => _position;

    /// <summary>
    /// Hashes up to <paramref name="offset"/>. <paramref name="window"/> holds the file bytes starting at
    /// <paramref name="windowStart"/> (may be empty). A server offset that went back restarts the hash.
    /// </summary>
    public async ValueTask AdvanceToAsync(long offset, ReadOnlyMemory<byte> window, long windowStart, CancellationToken cancellationToken)
    {
        if (offset < _position)
        {
            _hash.Dispose();
            _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            _position = 0;
        }

        var windowEnd = windowStart + window.Length;
        while (_position < offset)
        {
            if (_position >= windowStart && _position < windowEnd)
            {
                var end = Math.Min(offset, windowEnd);
                _hash.AppendData(window.Span.Slice((int)(_position - windowStart), (int)(end - _position)));
                _position = end;
                continue;
            }

            // Read from the file up to where the window begins (or to the offset when the window is elsewhere).
            var fileEnd = windowStart > _position && windowStart < offset ? windowStart : offset;
            await HashFromFileAsync(fileEnd, cancellationToken).ConfigureAwait(false);
        }
    }

    public string HexDigest()
    {
        Span<byte> digest = stackalloc byte[SHA256.HashSizeInBytes];
        _hash.GetCurrentHash(digest);
        return Convert.ToHexStringLower(digest);
    }

    public void Dispose() => _hash.Dispose();

    private async ValueTask HashFromFileAsync(long end, CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(FileReadSize);
        try
        {
            while (_position < end)
            {
                var count = (int)Math.Min(buffer.Length, end - _position);
                await _file.ReadExactlyAsync(buffer.AsMemory(0, count), _position, cancellationToken).ConfigureAwait(false);
                _hash.AppendData(buffer, 0, count);
                _position += count;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
