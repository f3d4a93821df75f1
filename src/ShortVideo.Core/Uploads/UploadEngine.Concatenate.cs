using ShortVideo.Hashing;

namespace ShortVideo.Uploads;

internal sealed partial class UploadEngine
{
    /// <summary>
    /// Concatenation: a final upload streams its finished partials, in order, through the same hash and
    /// writer as a PATCH: one buffer at a time, never a whole partial in memory.
    /// </summary>
    private async ValueTask<UploadResult> ConcatenateAsync(CreateUploadRequest request, IReadOnlyDictionary<string, string?> metadata, CancellationToken cancellationToken)
    {
        if (request.PartialIds.Count == 0)
        {
            throw new UploadException(UploadError.InvalidConcatenation, "Upload-Concat: final needs the URLs of at least one partial upload.");
        }

        var partials = new List<UploadInfo>(request.PartialIds.Count);
        long total = 0;
        foreach (var partialId in request.PartialIds)
        {
            var partial = await LoadOwnedAsync(request.OwnerId, partialId, cancellationToken).ConfigureAwait(false);
            if (partial.Kind != UploadKind.Partial || partial.CompletedAt is null)
            {
                throw new UploadException(UploadError.InvalidConcatenation, $"Upload {partialId} is not a finished partial upload.");
            }

            partials.Add(partial);

            // Checked as it grows: a partial named many times must not overflow the total.
            total += partial.Length!.Value;
            CheckLength(total);
        }

        var now = _time.GetUtcNow();
        var id = NewId(16);
        var upload = new UploadInfo
        {
            Id = id,
            OwnerId = request.OwnerId,
            Length = total,
            Kind = UploadKind.Final,
            RawMetadata = request.RawMetadata,
            Metadata = metadata,
            PartialIds = request.PartialIds,
            CreatedAt = now,
            ExpiresAt = now + Options.Expiration,
        };

        // The final upload copies its partials: it reserves its whole length beside them.
        upload = await StoreNewAsync(upload, cancellationToken).ConfigureAwait(false);

        using var lease = await _locks.AcquireAsync(id, Options.LockReleaseTimeout, cancellationToken).ConfigureAwait(false);
        var hash = new ResumableSha256();
        var writer = await _data.OpenWriterAsync(id, 0, upload.StoreState, cancellationToken).ConfigureAwait(false);
        var buffer = Buffers.Rent();
        try
        {
            await using (writer.ConfigureAwait(false))
            {
                foreach (var partial in partials)
                {
                    var source = await _data.OpenReadAsync(partial.Id, partial.Length!.Value, partial.StoreState, cancellationToken).ConfigureAwait(false);
                    await using (source.ConfigureAwait(false))
                    {
                        int read;
                        while ((read = await source.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
                        {
                            hash.Append(buffer.Span[..read]);
                            await writer.WriteAsync(buffer[..read], CancellationToken.None).ConfigureAwait(false);
                        }
                    }
                }

                upload = await CommitAsync(upload, writer, hash, total).ConfigureAwait(false);
            }
        }
        catch (Exception ex)
        {
            // Leave nothing half-assembled behind: the client can simply retry the concatenation.
            await _data.DeleteAsync(id, upload.StoreState, CancellationToken.None).ConfigureAwait(false);
            await _uploads.DeleteAsync(id, CancellationToken.None).ConfigureAwait(false);
            if (DiskFull.Is(ex))
            {
                throw new UploadException(UploadError.InsufficientStorage, "The server's disk filled up while assembling the final upload; nothing of it was kept. Try again later.", ex);
            }

            throw;
        }
        finally
        {
            Buffers.Return(buffer);
        }

        return new UploadResult(await CompleteAsync(upload, hash, cancellationToken).ConfigureAwait(false));
    }
}
