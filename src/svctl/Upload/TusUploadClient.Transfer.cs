using System.Buffers;

namespace ShortVideo.Cli.Upload;

internal sealed partial class TusUploadClient
{
    /// <summary>
    /// Sends the file from the session's offset to its end, one pooled chunk at a time; each chunk is a step with its
    /// own retries. After a failure the server's offset is learned again with HEAD (it may have kept part of a chunk)
    /// unless only the chunk was damaged (460), which is resent as is.
    /// </summary>
    private async Task TransferAsync(
        UploadSession session, SourceFile file, FileHashCursor hash, IProgress<UploadProgress>? progress, CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(_options.ChunkSize);
        try
        {
            var chunks = new ChunkSender(this, session, file, hash, progress, buffer);
            var retry = new UploadRetry(_options, failure =>
            {
                chunks.NeedHead = !UploadRetry.IsChecksumMismatch(failure);
                ReportUnreachable(failure);
            });

            await hash.AdvanceToAsync(session.Offset, ReadOnlyMemory<byte>.Empty, 0, cancellationToken);
            progress?.Report(new UploadProgress(session.Offset, file.Length));
            while (session.Offset < file.Length)
            {
                cancellationToken.ThrowIfCancellationRequested();
                await retry.ExecuteAsync(static (sender, token) => sender.SendNextAsync(token), chunks, cancellationToken);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>One attempt at moving the upload forward by a chunk; keeps the chunk read, hashed and checksummed across attempts.</summary>
    private sealed class ChunkSender(
        TusUploadClient client, UploadSession session, SourceFile file, FileHashCursor hash, IProgress<UploadProgress>? progress, byte[] buffer)
    {
        // The buffer holds file bytes [_bufferStart, _bufferStart + _bufferCount); nothing yet.
        private long _bufferStart = -1;
        private int _bufferCount;
        private string? _checksum;

        /// <summary>The last attempt failed in a way that leaves the server's offset unknown.</summary>
        public bool NeedHead { get; set; }

        /// <summary>HEADs first when <see cref="NeedHead"/>, then PATCHes the chunk at the session's offset; returns the new offset.</summary>
        public async ValueTask<long> SendNextAsync(CancellationToken cancellationToken)
        {
            var length = file.Length;
            if (NeedHead)
            {
                using var headTimeout = client.RequestTimeout(0, cancellationToken);
                var head = await client._tus.HeadAsync(session.Url, headTimeout.Token);
                NeedHead = false;
                await AcceptOffsetAsync(head.Offset, head.VideoId, cancellationToken);
                if (session.Offset == length)
                {
                    return session.Offset; // the server had it all: only the answer to the last PATCH was lost
                }
            }

            var offset = session.Offset;
            var count = (int)Math.Min(client._options.ChunkSize, length - offset);
            if (_bufferStart != offset || _bufferCount != count)
            {
                await file.ReadExactlyAsync(buffer.AsMemory(0, count), offset, cancellationToken);
                _bufferStart = offset;
                _bufferCount = count;
                _checksum = client._options.Checksums ? TusHeaderReader.Sha256Checksum(buffer.AsSpan(0, count)) : null;
            }

            using var timeout = client.RequestTimeout(count, cancellationToken);
            var result = await client._tus.PatchAsync(session.Url, offset, buffer.AsMemory(0, count), _checksum, timeout.Token);
            if (result.Offset <= offset)
            {
                throw new TusProtocolException($"the server accepted a PATCH at offset {offset} but its offset did not move");
            }

            await AcceptOffsetAsync(result.Offset, result.VideoId, cancellationToken);
            return session.Offset;
        }

        private async ValueTask AcceptOffsetAsync(long offset, string? videoId, CancellationToken cancellationToken)
        {
            if (offset < 0 || offset > file.Length)
            {
                throw new TusProtocolException($"the server reported offset {offset} for an upload of {file.Length} bytes");
            }

            await hash.AdvanceToAsync(offset, buffer.AsMemory(0, Math.Max(_bufferCount, 0)), _bufferStart, cancellationToken);
            session.Offset = offset;
            session.VideoId = videoId ?? session.VideoId;
            progress?.Report(new UploadProgress(session.Offset, file.Length));
        }
    }
}
