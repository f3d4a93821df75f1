using ShortVideo.Hashing;

namespace ShortVideo.Uploads;

internal sealed partial class UploadEngine
{
    // Two receive buffers per PATCH. With many uploads in flight, 512 KiB each: small enough for 64+ parallel
    // uploads (64 MiB in all), and many same-sized appends keep the 16 SHA-256 lanes full (2 MiB measured 9%
    // slower there). With fewer uploads than cores, 2 MiB each: a lone upload pays two thread hand-offs per
    // buffer, and a quarter of them took one upload from ~735 to ~840 MB/s (`svctl bench upload`, same run).
    private const int SharedBufferSize = 512 * 1024;
    private const int SoloBufferSize = 2 * 1024 * 1024;

    // Pools of our own, aligned for O_DIRECT: ArrayPool.Shared keeps about 32 arrays of a size per core, so
    // 64 parallel uploads (128 buffers) kept allocating fresh 512 KiB arrays on the large object heap, and the
    // page faults and gen-2 collections that follow made system time dominate (measured with
    // `svctl bench upload --parallel 64`). Each retains what its busiest moment needed, up to a cap.
    private static readonly ReceiveBufferPool Buffers = new(SharedBufferSize, 512);
    private static readonly ReceiveBufferPool SoloBuffers = new(SoloBufferSize, 16);

    private static int _activeWriters;

    /// <summary>
    /// Appends a PATCH body. Without a checksum, bytes received before the client vanished are kept;
    /// with one, the chunk is kept only if it verifies. Never writes past the declared length.
    /// </summary>
    public async ValueTask<UploadResult> WriteAsync(WriteUploadRequest request, Stream body, CancellationToken cancellationToken)
    {
        using var checksum = CreateChecksum(request);
        using var lease = await _locks.AcquireAsync(request.UploadId, Options.LockReleaseTimeout, cancellationToken).ConfigureAwait(false);
        var upload = await LoadOwnedAsync(request.OwnerId, request.UploadId, cancellationToken).ConfigureAwait(false);
        if (upload.Kind == UploadKind.Final)
        {
            throw new UploadException(UploadError.FinalUploadNotPatchable, "A final upload is assembled from its partial uploads and cannot be patched.");
        }

        if (upload.Sha256 is not null)
        {
            upload = upload.CompletedAt is null ? await FinishCompletionAsync(upload, cancellationToken).ConfigureAwait(false) : upload;
            return request.Offset == upload.Offset && request.ContentLength is null or 0
                ? new UploadResult(upload)
                : throw new UploadException(UploadError.OffsetMismatch, $"This upload is already complete at {upload.Offset} bytes.");
        }

        var declaring = upload.Length is null && request.DeclaredLength is not null;
        upload = ApplyDeclaredLength(upload, request.DeclaredLength);
        if (request.Offset != upload.Offset)
        {
            throw new UploadException(UploadError.OffsetMismatch, $"Upload-Offset {request.Offset} does not match the upload's offset {upload.Offset}; send HEAD to learn where to resume.");
        }

        var limit = upload.Length ?? Options.MaxSizeBytes;

        // Subtracted, not added: a hostile Content-Length near long.MaxValue must not wrap around past the check.
        if (request.ContentLength is { } contentLength && contentLength > limit - upload.Offset)
        {
            throw upload.Length is null
                ? new UploadException(UploadError.TooLarge, $"This chunk would take the upload past the server's maximum of {Options.MaxSizeBytes} bytes.")
                : new UploadException(UploadError.BeyondLength, $"This chunk of {contentLength} bytes at offset {upload.Offset} runs past Upload-Length {upload.Length}.");
        }

        CheckRoomForWrite(upload, request.ContentLength, limit);
        var hash = upload.HashState is null ? new ResumableSha256() : ResumableSha256.Import(upload.HashState);
        try
        {
            var writer = await _data.OpenWriterAsync(upload.Id, upload.Offset, upload.StoreState, cancellationToken).ConfigureAwait(false);
            await using (writer.ConfigureAwait(false))
            {
                upload = await CopyBodyAsync(upload, body, writer, hash, checksum, limit, lease, cancellationToken).ConfigureAwait(false);
            }

            // An empty PATCH commits nothing, but a length it declares must be kept (it also shrinks the reservation).
            if (declaring)
            {
                await _uploads.UpdateAsync(upload, CancellationToken.None).ConfigureAwait(false);
            }
        }
        catch (IOException ex) when (DiskFull.Is(ex))
        {
            // Bytes committed before the disk filled are kept; the rest of the chunk is discarded by the next writer.
            throw await DiskFilledAsync(upload.Id, ex).ConfigureAwait(false);
        }

        if (upload.Length == upload.Offset)
        {
            upload = await CompleteAsync(upload, hash, cancellationToken).ConfigureAwait(false);
        }

        return new UploadResult(upload);
    }

    private async ValueTask<UploadInfo> CopyBodyAsync(
        UploadInfo upload,
        Stream body,
        IUploadDataWriter writer,
        ResumableSha256 hash,
        ChunkChecksum? checksum,
        long limit,
        UploadLocks.UploadLease lease,
        CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, lease.ReleaseRequested);

        // Two buffers: while one is hashed and written, the next is received. Hashing (SHA-NI, about
        // 1.35 GB/s per core here) and the write to the store run side by side, so one upload is not
        // bound by receive + hash + write added up on one core. Only one buffer is ever in flight, so the
        // hash sees the bytes in order. (Hashing the server's pipe segments in place, without this copy,
        // measured slower: it hands off every 64 KiB read instead of every buffer.)
        //
        // With at least as many uploads as cores, every core is busy anyway: overlapping only moves the
        // bytes between cores (two thread-pool hops per buffer, cold caches for the next copy of them).
        // Then hash (batched with the other uploads' buffers) and write from the receiving thread.
        var busy = Interlocked.Increment(ref _activeWriters) >= Environment.ProcessorCount;
        var pool = busy ? Buffers : SoloBuffers;
        var receiving = pool.Rent();
        var processing = pool.Rent();
        Task inFlight = Task.CompletedTask;

        var interrupted = false;
        long uncommitted = 0;
        try
        {
            while (!interrupted)
            {
                var (filled, ended, failed) = await FillAsync(body, receiving, stop.Token).ConfigureAwait(false);
                interrupted = failed;
                await inFlight.ConfigureAwait(false);
                if (filled == 0)
                {
                    break;
                }

                if (upload.Offset + uncommitted + filled > limit)
                {
                    await writer.RollbackAsync(CancellationToken.None).ConfigureAwait(false);
                    throw upload.Length is null
                        ? new UploadException(UploadError.TooLarge, $"The upload would grow past the server's maximum of {Options.MaxSizeBytes} bytes.")
                        : new UploadException(UploadError.BeyondLength, $"The body runs past Upload-Length {upload.Length}; nothing of this chunk was kept.");
                }

                inFlight = busy
                    ? HashAndWriteInlineAsync(receiving[..filled], hash, checksum, writer)
                    : HashAndWriteAsync(receiving[..filled], hash, checksum, writer);
                (receiving, processing) = (processing, receiving);
                uncommitted += filled;

                // Long unverified PATCHes commit as they go, so a crash loses at most one interval.
                if (checksum is null && uncommitted >= Options.CommitIntervalBytes)
                {
                    await inFlight.ConfigureAwait(false);
                    upload = await CommitAsync(upload, writer, hash, uncommitted).ConfigureAwait(false);
                    uncommitted = 0;
                }

                if (ended)
                {
                    break;
                }
            }

            await inFlight.ConfigureAwait(false);
        }
        finally
        {
            Interlocked.Decrement(ref _activeWriters);

            // A failed write may still use its buffer: wait for it before the buffers go back to the pool.
            await inFlight.ContinueWith(static _ => { }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default).ConfigureAwait(false);
            pool.Return(receiving);
            pool.Return(processing);
        }

        if (checksum is not null && (interrupted || !checksum.Matches()))
        {
            await writer.RollbackAsync(CancellationToken.None).ConfigureAwait(false);
            throw interrupted
                ? Interrupted(lease, upload.Offset)
                : new UploadException(UploadError.ChecksumMismatch, $"Upload-Checksum does not match the {uncommitted} bytes received; the chunk was discarded and the offset stays at {upload.Offset}.");
        }

        if (uncommitted > 0 || upload.HashState is null)
        {
            upload = await CommitAsync(upload, writer, hash, uncommitted).ConfigureAwait(false);
        }

        if (interrupted)
        {
            LogInterrupted(upload.Id, upload.Offset);
            throw Interrupted(lease, upload.Offset);
        }

        return upload;
    }

    /// <summary>
    /// Reads until the buffer is full or the body ends. A client that vanishes (or a takeover) ends the
    /// fill with what arrived so far, and those bytes are still kept.
    /// </summary>
    private static async ValueTask<(int Filled, bool Ended, bool Failed)> FillAsync(Stream body, Memory<byte> buffer, CancellationToken cancellationToken)
    {
        var filled = 0;
        try
        {
            while (filled < buffer.Length)
            {
                var read = await body.ReadAsync(buffer[filled..], cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    return (filled, true, false);
                }

                filled += read;
            }

            return (filled, false, false);
        }
        catch (Exception ex) when (ex is IOException or OperationCanceledException)
        {
            // The client went away, the server is stopping, or another request asked for the upload.
            return (filled, true, true);
        }
    }

    /// <summary>Hash and write in parallel on pool threads, while the caller receives the next buffer.</summary>
    private static Task HashAndWriteAsync(ReadOnlyMemory<byte> chunk, ResumableSha256 hash, ChunkChecksum? checksum, IUploadDataWriter writer)
    {
        var hashing = Task.Run(async () =>
        {
            await Sha256Lanes.AppendAsync(hash, chunk).ConfigureAwait(false);
            checksum?.Append(chunk.Span);
        });

        // Writes are not cancelled mid-way: a half-written buffer would make the committed state ambiguous.
        var writing = Task.Run(() => writer.WriteAsync(chunk, CancellationToken.None).AsTask());
        return Task.WhenAll(hashing, writing);
    }

    /// <summary>Hash (together with other uploads' buffers), then write, from the receiving thread.</summary>
    private static async Task HashAndWriteInlineAsync(ReadOnlyMemory<byte> chunk, ResumableSha256 hash, ChunkChecksum? checksum, IUploadDataWriter writer)
    {
        await Sha256Lanes.AppendAsync(hash, chunk).ConfigureAwait(false);
        checksum?.Append(chunk.Span);
        await writer.WriteAsync(chunk, CancellationToken.None).ConfigureAwait(false);
    }

    private async ValueTask<UploadInfo> CommitAsync(UploadInfo upload, IUploadDataWriter writer, ResumableSha256 hash, long bytes)
    {
        // Data first, then the record: a crash between the two leaves bytes past the recorded offset,
        // which the next writer truncates. The record never claims bytes the store does not hold.
        var storeState = await writer.CommitAsync(CancellationToken.None).ConfigureAwait(false);
        upload = upload with
        {
            Offset = upload.Offset + bytes,
            HashState = hash.ExportState(),
            StoreState = storeState,
            ExpiresAt = NextExpiry(),
        };
        await _uploads.UpdateAsync(upload, CancellationToken.None).ConfigureAwait(false);
        return upload;
    }

    private UploadInfo ApplyDeclaredLength(UploadInfo upload, long? declared)
    {
        if (declared is not { } length)
        {
            return upload;
        }

        if (upload.Length is { } existing)
        {
            return existing == length
                ? upload
                : throw new UploadException(UploadError.InvalidHeader, $"Upload-Length is already {existing} and cannot change.");
        }

        CheckLength(length);
        return length < upload.Offset
            ? throw new UploadException(UploadError.InvalidHeader, $"Upload-Length {length} is less than the {upload.Offset} bytes already received.")
            : upload with { Length = length };
    }

    private static ChunkChecksum? CreateChecksum(WriteUploadRequest request)
    {
        if (request.ChecksumAlgorithm is not { } algorithm)
        {
            return null;
        }

        if (!ChunkChecksum.IsSupported(algorithm))
        {
            throw new UploadException(UploadError.UnsupportedChecksumAlgorithm, $"Checksum algorithm '{algorithm}' is not supported; use one of {ChunkChecksum.SupportedAlgorithms}.");
        }

        if (request.ChecksumDigest is not { } digest || digest.Length != ChunkChecksum.DigestLength(algorithm))
        {
            throw new UploadException(UploadError.InvalidHeader, $"Upload-Checksum is not a base64 {algorithm} digest.");
        }

        return ChunkChecksum.Create(algorithm, digest.ToArray());
    }

    private static UploadException Interrupted(UploadLocks.UploadLease lease, long offset) =>
        new(UploadError.Locked, lease.ReleaseRequested.IsCancellationRequested
            ? $"Another request took over this upload; this one stopped at offset {offset}."
            : $"The request body ended early; the upload is at offset {offset}.");

    [Microsoft.Extensions.Logging.LoggerMessage(Level = Microsoft.Extensions.Logging.LogLevel.Information, Message = "Upload {UploadId} interrupted; kept {Offset} bytes")]
    private partial void LogInterrupted(string uploadId, long offset);
}
