using System.Globalization;
using Microsoft.Extensions.Logging;

namespace ShortVideo.Uploads;

/// <summary>
/// Who may start an upload, and whether the disk can take its bytes. The rules, once: a user holds at most
/// <see cref="UploadOptions.MaxUploadsInFlightPerUser"/> uploads reserving at most
/// <see cref="UploadOptions.MaxReservedBytesPerUser"/> bytes (a deferred length reserves the maximum size), and on a
/// filesystem an upload is accepted only if it, every unfinished upload's remaining bytes and the headroom fit in the
/// free space; a PATCH only if its own bytes and the headroom do.
/// </summary>
internal sealed partial class UploadEngine
{
    /// <summary>
    /// Stores a new upload's data and record if its owner's limits and the disk allow it. A quick measure refuses most
    /// floods before the data store is touched; the insert measures again atomically, so concurrent creations cannot
    /// together pass a limit, and removes the data it created if that second measure refuses.
    /// </summary>
    private async ValueTask<UploadInfo> StoreNewAsync(UploadInfo upload, CancellationToken cancellationToken)
    {
        Admit(await _uploads.MeasureAsync(upload.OwnerId, upload.CreatedAt, Options.MaxSizeBytes, cancellationToken).ConfigureAwait(false), upload);
        upload = upload with { StoreState = await _data.CreateAsync(upload.Id, cancellationToken).ConfigureAwait(false) };
        try
        {
            await _uploads.CreateAsync(upload, Options.MaxSizeBytes, usage => Admit(usage, upload), cancellationToken).ConfigureAwait(false);
            return upload;
        }
        catch
        {
            try
            {
                await _data.DeleteAsync(upload.Id, upload.StoreState, CancellationToken.None).ConfigureAwait(false);
            }
            catch (Exception cleanup) when (cleanup is not OperationCanceledException)
            {
                // The client must read why it was refused, not that the store failed to forget an empty upload.
                LogOrphanedData(upload.Id, cleanup.Message);
            }

            throw;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Upload {UploadId} was refused after its storage was prepared, and removing that storage failed ({Reason}); it holds no bytes")]
    private partial void LogOrphanedData(string uploadId, string reason);

    /// <summary>Refuses, before any byte is read, a write whose bytes and the headroom do not fit in the free space.</summary>
    private void CheckRoomForWrite(UploadInfo upload, long? contentLength, long limit)
    {
        var incoming = Math.Min(contentLength ?? long.MaxValue, limit - upload.Offset);
        if (incoming <= 0 || _data is not IUploadFreeSpace disk)
        {
            return;
        }

        var free = disk.AvailableBytes();
        if ((Int128)incoming + Options.FreeSpaceHeadroomBytes > free)
        {
            throw new UploadException(
                UploadError.InsufficientStorage,
                $"The server has {free} bytes free for uploads, not enough for these {incoming} bytes and the {Options.FreeSpaceHeadroomBytes} bytes it keeps in reserve; nothing was stored and the upload stays at offset {upload.Offset}. Try again later.");
        }
    }

    /// <summary>The disk filled up during a write (something else took the space): what the client reads.</summary>
    private async ValueTask<UploadException> DiskFilledAsync(string uploadId, Exception cause)
    {
        var stored = await _uploads.GetAsync(uploadId, CancellationToken.None).ConfigureAwait(false);
        var offset = stored?.Offset ?? 0;
        return new UploadException(
            UploadError.InsufficientStorage,
            $"The server's disk filled up while receiving this chunk; the upload keeps the {offset} bytes stored before that. Send HEAD and resume later.",
            cause);
    }

    private static string Describe(TimeSpan span) => span.TotalSeconds < 120
        ? string.Create(CultureInfo.InvariantCulture, $"{span.TotalSeconds:0.#} s")
        : span.TotalMinutes < 120
            ? string.Create(CultureInfo.InvariantCulture, $"{span.TotalMinutes:0.#} min")
            : string.Create(CultureInfo.InvariantCulture, $"{span.TotalHours:0.#} h");

    private void Admit(UploadUsage usage, UploadInfo upload)
    {
        // While the length is deferred, the most the upload may still grow to.
        var reservation = upload.Length ?? Options.MaxSizeBytes;
        if (usage.OwnerUploads >= Options.MaxUploadsInFlightPerUser)
        {
            throw new UploadException(
                UploadError.TooManyUploads,
                $"You have {usage.OwnerUploads} unfinished uploads and this server allows {Options.MaxUploadsInFlightPerUser} per user: finish one, or DELETE those you no longer need, then try again. Finished partial uploads count until they are deleted; unfinished uploads are deleted {Describe(Options.Expiration)} after their last write.");
        }

        // Int128: the figures are each at most long.MaxValue, their sum is not.
        if ((Int128)usage.OwnerReservedBytes + reservation > Options.MaxReservedBytesPerUser)
        {
            throw new UploadException(
                UploadError.QuotaExceeded,
                $"This upload would reserve {reservation} bytes{(upload.Length is null ? " (an upload without Upload-Length reserves the maximum upload size until it declares its length)" : string.Empty)} and your unfinished uploads already reserve {usage.OwnerReservedBytes} bytes; this server allows {Options.MaxReservedBytesPerUser} bytes per user. Finish or DELETE unfinished uploads to free their share, then try again.");
        }

        if (_data is IUploadFreeSpace disk)
        {
            var free = disk.AvailableBytes();
            if ((Int128)reservation + usage.PendingBytes + Options.FreeSpaceHeadroomBytes > free)
            {
                throw new UploadException(
                    UploadError.InsufficientStorage,
                    $"The server has {free} bytes free for uploads: this upload of {reservation} bytes, the {usage.PendingBytes} bytes still expected by uploads in progress and the {Options.FreeSpaceHeadroomBytes} bytes it keeps in reserve do not fit. Try again later, or upload a smaller file.");
            }
        }
    }
}
