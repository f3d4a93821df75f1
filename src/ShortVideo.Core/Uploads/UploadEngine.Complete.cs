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

        var existing = await _videos.GetAsync(upload.VideoId!, CancellationToken.None).ConfigureAwait(false);
        bool deduplicated;
        if (existing is not null)
        {
            deduplicated = existing.Deduplicated;
        }
        else if (await _blobs.GetSizeAsync(sha256, CancellationToken.None).ConfigureAwait(false) == length
                 && !await UploadDataPresentAsync(upload).ConfigureAwait(false))
        {
            // A previous attempt promoted the bytes and crashed before the video was written.
            deduplicated = false;
        }
        else
        {
            deduplicated = !await _data.PromoteAsync(upload.Id, length, upload.StoreState, sha256, CancellationToken.None).ConfigureAwait(false);
        }

        if (existing is null)
        {
            var metadata = upload.Metadata;
            await _videos.CreateAsync(
                new VideoRecord
                {
                    Id = upload.VideoId!,
                    CreatorId = upload.OwnerId,
                    Status = VideoStatus.Uploaded,
                    Sha256 = sha256,
                    SizeBytes = length,
                    Deduplicated = deduplicated,
                    Caption = metadata.GetValueOrDefault("caption"),
                    FileName = UploadMetadata.SafeFileName(metadata.GetValueOrDefault("filename")),
                    ContentType = metadata.GetValueOrDefault("filetype") ?? metadata.GetValueOrDefault("contentType"),
                    UploadId = upload.Id,
                    CreatedAt = _time.GetUtcNow(),
                },
                CancellationToken.None).ConfigureAwait(false);
        }

        upload = upload with { CompletedAt = _time.GetUtcNow(), StoreState = null };
        await _uploads.UpdateAsync(upload, CancellationToken.None).ConfigureAwait(false);
        LogCompleted(upload.Id, upload.VideoId!, sha256, deduplicated);
        return upload;
    }

    private async ValueTask<bool> UploadDataPresentAsync(UploadInfo upload)
    {
        try
        {
            var stream = await _data.OpenReadAsync(upload.Id, 0, upload.StoreState, CancellationToken.None).ConfigureAwait(false);
            await stream.DisposeAsync().ConfigureAwait(false);
            return true;
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException or InvalidOperationException)
        {
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Upload {UploadId} complete: video {VideoId}, sha256 {Sha256}, deduplicated {Deduplicated}")]
    private partial void LogCompleted(string uploadId, string videoId, string sha256, bool deduplicated);
}
