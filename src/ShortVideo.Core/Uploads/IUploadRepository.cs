namespace ShortVideo.Uploads;

/// <summary>Persists <see cref="UploadInfo"/> records. Writes must be durable when the call returns.</summary>
public interface IUploadRepository
{
    /// <summary>Stores a new upload.</summary>
    ValueTask CreateAsync(UploadInfo upload, CancellationToken cancellationToken);

    /// <summary>Returns the upload, or null when it does not exist.</summary>
    ValueTask<UploadInfo?> GetAsync(string uploadId, CancellationToken cancellationToken);

    /// <summary>Replaces the stored record (same id).</summary>
    ValueTask UpdateAsync(UploadInfo upload, CancellationToken cancellationToken);

    /// <summary>Removes the record.</summary>
    ValueTask DeleteAsync(string uploadId, CancellationToken cancellationToken);

    /// <summary>Removes an expired upload and leaves a tombstone so its owner gets 410 Gone, not 404.</summary>
    ValueTask MarkExpiredAsync(UploadInfo upload, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>True when this owner's upload was swept as expired (a tombstone exists).</summary>
    ValueTask<bool> WasExpiredAsync(string uploadId, string ownerId, CancellationToken cancellationToken);

    /// <summary>Forgets tombstones older than <paramref name="before"/>.</summary>
    ValueTask PurgeTombstonesAsync(DateTimeOffset before, CancellationToken cancellationToken);

    /// <summary>Unfinished uploads (and finished partials) whose expiry is at or before <paramref name="now"/>, oldest first.</summary>
    ValueTask<IReadOnlyList<UploadInfo>> ListExpiredAsync(DateTimeOffset now, int max, CancellationToken cancellationToken);
}
