namespace ShortVideo.Uploads;

/// <summary>Persists <see cref="UploadInfo"/> records. Writes must be durable when the call returns.</summary>
public interface IUploadRepository
{
    /// <summary>
    /// The usage a new upload of <paramref name="ownerId"/> would join at <paramref name="now"/>, as
    /// <see cref="CreateAsync"/> measures it; a quick refusal before anything is stored, not a guarantee.
    /// </summary>
    ValueTask<UploadUsage> MeasureAsync(string ownerId, DateTimeOffset now, long deferredLengthReservation, CancellationToken cancellationToken);

    /// <summary>
    /// Stores a new upload if <paramref name="admit"/> accepts the usage measured just before it (see <see cref="UploadUsage"/>;
    /// "now" is the upload's <see cref="UploadInfo.CreatedAt"/>, and an upload whose length is deferred counts as
    /// <paramref name="deferredLengthReservation"/> bytes). Measuring and storing are one atomic step: no other upload is
    /// stored in between, by any request or process sharing the store, so concurrent creations cannot together pass a
    /// limit. When <paramref name="admit"/> throws, nothing is stored and the exception propagates.
    /// </summary>
    ValueTask CreateAsync(UploadInfo upload, long deferredLengthReservation, Action<UploadUsage> admit, CancellationToken cancellationToken);

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
