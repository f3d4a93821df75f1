using Microsoft.Extensions.Logging;

namespace ShortVideo.Uploads;

internal sealed partial class UploadEngine
{
    // Expired uploads answer 410 for a week, then 404 like any unknown id.
    private static readonly TimeSpan TombstoneRetention = TimeSpan.FromDays(7);

    /// <summary>
    /// Deletes the data of uploads past their expiry (unfinished ones, and finished partials nobody
    /// concatenated). An upload being written right now is skipped: its writer extends the expiry.
    /// </summary>
    public async ValueTask<int> SweepExpiredAsync(CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        var swept = 0;
        foreach (var candidate in await _uploads.ListExpiredAsync(now, 500, cancellationToken).ConfigureAwait(false))
        {
            using var lease = _locks.TryAcquire(candidate.Id);
            if (lease is null)
            {
                continue;
            }

            var upload = await _uploads.GetAsync(candidate.Id, cancellationToken).ConfigureAwait(false);
            if (upload is null || upload.ExpiresAt > now || (upload.CompletedAt is not null && upload.Kind != UploadKind.Partial) || upload.Sha256 is not null && upload.CompletedAt is null)
            {
                continue;
            }

            await _data.DeleteAsync(upload.Id, upload.StoreState, cancellationToken).ConfigureAwait(false);
            await _uploads.MarkExpiredAsync(upload, now, cancellationToken).ConfigureAwait(false);
            LogExpired(upload.Id, upload.Offset);
            swept++;
        }

        await _uploads.PurgeTombstonesAsync(now - TombstoneRetention, cancellationToken).ConfigureAwait(false);
        return swept;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Upload {UploadId} expired; deleted {Offset} bytes")]
    private partial void LogExpired(string uploadId, long offset);
}
