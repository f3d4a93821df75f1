using Microsoft.Extensions.Logging;
using ShortVideo.Catalog;
using ShortVideo.Hashing;

namespace ShortVideo.Uploads;

internal sealed partial class UploadEngine
{
    /// <summary>
    /// All bytes are in: record the hash and the video id first, then promote the bytes to their blob and
    /// create the video. Each step is safe to repeat, so a crash anywhere is finished by the next request.
    /// </summary>
    private async ValueTask<UploadInfo> CompleteAsync(UploadInfo upload, ResumableSha256 hash, CancellationToken cancellationToken)
    {
        upload = upload with
        {
            Sha256 = hash.GetHashHex(),
            HashState = hash.ExportState(),
            VideoId = upload.Kind == UploadKind.Partial ? null : NewId(12),
        };
        await _uploads.UpdateAsync(upload, CancellationToken.None).ConfigureAwait(false);
        return await FinishCompletionAsync(upload, cancellationToken).ConfigureAwait(false);
    }

    private async ValueTask<UploadInfo> FinishCompletionAsync(UploadInfo upload, CancellationToken cancellationToken)
    {
        var sha256 = upload.Sha256!;
        var length = upload.Length!.Value;
        if (upload.Kind == UploadKind.Partial)
        {
            // A partial keeps its bytes in the upload store until a final upload concatenates them.
            upload = upload with { CompletedAt = _time.GetUtcNow(), ExpiresAt = NextExpiry() };
            await _uploads.UpdateAsync(upload, CancellationToken.None).ConfigureAwait(false);
            return upload;
        }

        if (upload.Deduplicated is null)
        {
            var stored = await PromoteAsync(upload, sha256, length).ConfigureAwait(false);
            upload = upload with { Deduplicated = !stored, StoreState = null };
            await _uploads.UpdateAsync(upload, CancellationToken.None).ConfigureAwait(false);
        }

        // INSERT OR IGNORE: after a crash here the next request writes the same video once.
        var metadata = upload.Metadata;
        var video = new VideoRecord
            {
                Id = upload.VideoId!,
                CreatorId = upload.OwnerId,
                Status = VideoStatus.Uploaded,
                Sha256 = sha256,
                SizeBytes = length,
                Deduplicated = upload.Deduplicated.Value,
                Caption = metadata.GetValueOrDefault("caption"),
                FileName = UploadMetadata.SafeFileName(metadata.GetValueOrDefault("filename")),
                ContentType = metadata.GetValueOrDefault("filetype") ?? metadata.GetValueOrDefault("contentType"),
                UploadId = upload.Id,
                CreatedAt = _time.GetUtcNow(),
                Visibility = UploadMetadata.Visibility(metadata),
            };
        await _videos.CreateAsync(video, CancellationToken.None).ConfigureAwait(false);

        // Before the upload counts as completed: a crash in between repeats this on the next request.
        foreach (var listener in _events)
        {
            await listener.VideoUploadedAsync(video, CancellationToken.None).ConfigureAwait(false);
        }

        upload = upload with { CompletedAt = _time.GetUtcNow() };
        await _uploads.UpdateAsync(upload, CancellationToken.None).ConfigureAwait(false);
        LogCompleted(upload.Id, upload.VideoId!, sha256, upload.Deduplicated.Value);
        return upload;
    }

    /// <summary>
    /// Moves the bytes to their blob; true when they were stored, false when identical bytes already were.
    /// If a crash came between a promotion and recording it, the upload's data is gone and the promotion
    /// fails: a blob of the right length then means it happened (counted as stored).
    /// </summary>
    private async ValueTask<bool> PromoteAsync(UploadInfo upload, string sha256, long length)
    {
        try
        {
            return await _data.PromoteAsync(upload.Id, length, upload.StoreState, sha256, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            if (await _blobs.GetSizeAsync(sha256, CancellationToken.None).ConfigureAwait(false) != length)
            {
                throw;
            }

            LogPromotedBefore(upload.Id, ex.Message);
            return true;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Upload {UploadId}: promoting again failed ({Reason}), but its blob is stored; a crash interrupted the first completion")]
    private partial void LogPromotedBefore(string uploadId, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Upload {UploadId} complete: video {VideoId}, sha256 {Sha256}, deduplicated {Deduplicated}")]
    private partial void LogCompleted(string uploadId, string videoId, string sha256, bool deduplicated);
}
