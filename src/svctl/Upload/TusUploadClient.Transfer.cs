using System.Buffers;

namespace ShortVideo.Cli.Upload;

internal sealed partial class TusUploadClient
{
    /// <summary>
    /// Sends the file from the session's offset to its end, one pooled chunk at a time. After a failure the
    /// server's offset is learned again with HEAD (it may have kept part of a chunk) unless only the chunk
    /// was damaged (460), which is resent as is.
    /// </summary>
    private async Task TransferAsync(
        UploadSession session, SourceFile file, FileHashCursor hash, IProgress<UploadProgress>? progress,
        RetryBudget budget, CancellationToken cancellationToken)
    {
        var length = file.Length;
        var buffer = ArrayPool<byte>.Shared.Rent(_options.ChunkSize);
        try
        {
            // The buffer holds file bytes [bufferStart, bufferStart + bufferCount); nothing yet.
            long bufferStart = -1;
            var bufferCount = 0;
            string? checksum = null;
            var needHead = false;

            await hash.AdvanceToAsync(session.Offset, ReadOnlyMemory<byte>.Empty, 0, cancellationToken);
            progress?.Report(new UploadProgress(session.Offset, length));

            while (needHead || session.Offset < length)
            {
                cancellationToken.ThrowIfCancellationRequested();
                try
                {
                    if (needHead)
                    {
                        using var headTimeout = RequestTimeout(0, cancellationToken);
                        var head = await _tus.HeadAsync(session.Url, headTimeout.Token);
                        needHead = false;
                        await AcceptOffsetAsync(session, head.Offset, head.VideoId, length, hash, buffer, bufferStart, bufferCount, cancellationToken);
                        progress?.Report(new UploadProgress(session.Offset, length));
                        continue;
                    }

                    var offset = session.Offset;
                    var count = (int)Math.Min(_options.ChunkSize, length - offset);
                    if (bufferStart != offset || bufferCount != count)
                    {
                        await file.ReadExactlyAsync(buffer.AsMemory(0, count), offset, cancellationToken);
                        bufferStart = offset;
                        bufferCount = count;
                        checksum = _options.Checksums ? TusHeaderReader.Sha256Checksum(buffer.AsSpan(0, count)) : null;
                    }

                    using var timeout = RequestTimeout(count, cancellationToken);
                    var result = await _tus.PatchAsync(session.Url, offset, buffer.AsMemory(0, count), checksum, timeout.Token);
                    if (result.Offset <= offset)
                    {
                        throw new TusProtocolException($"the server accepted a PATCH at offset {offset} but its offset did not move");
                    }

                    await AcceptOffsetAsync(session, result.Offset, result.VideoId, length, hash, buffer, bufferStart, bufferCount, cancellationToken);
                    budget.Reset();
                    progress?.Report(new UploadProgress(session.Offset, length));
                }
                catch (Exception ex) when (RetryPolicy.IsRequestFailure(ex, cancellationToken))
                {
                    var action = await budget.OnFailureAsync(ex, cancellationToken);
                    needHead = action != RetryAction.ResendChunk;
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static async ValueTask AcceptOffsetAsync(
        UploadSession session, long offset, string? videoId, long length, FileHashCursor hash,
        byte[] buffer, long bufferStart, int bufferCount, CancellationToken cancellationToken)
    {
        if (offset < 0 || offset > length)
        {
            throw new TusProtocolException($"the server reported offset {offset} for an upload of {length} bytes");
        }

        await hash.AdvanceToAsync(offset, buffer.AsMemory(0, Math.Max(bufferCount, 0)), bufferStart, cancellationToken);
        session.Offset = offset;
        session.VideoId = videoId ?? session.VideoId;
    }
}
