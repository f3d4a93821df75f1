namespace ShortVideo.Uploads;

/// <summary>
/// Where the bytes of unfinished uploads live, and how a finished upload becomes a content-addressed blob.
/// Implementations: the filesystem (default) and S3 (multipart parts, never the whole upload buffered).
/// The engine guarantees one writer per upload at a time.
/// </summary>
public interface IUploadDataStore
{
    /// <summary>Prepares storage for a new upload; returns the opaque store state to persist with it.</summary>
    ValueTask<string?> CreateAsync(string uploadId, CancellationToken cancellationToken);

    /// <summary>
    /// Opens a writer that appends at <paramref name="offset"/>, the durably committed length.
    /// Bytes a crashed writer left beyond that offset are discarded.
    /// </summary>
    ValueTask<IUploadDataWriter> OpenWriterAsync(string uploadId, long offset, string? storeState, CancellationToken cancellationToken);

    /// <summary>Streams the committed bytes [0, <paramref name="length"/>) of an upload (for concatenation).</summary>
    ValueTask<Stream> OpenReadAsync(string uploadId, long length, string? storeState, CancellationToken cancellationToken);

    /// <summary>
    /// Turns the finished upload into the blob addressed by <paramref name="sha256Hex"/>.
    /// Returns true when the blob was stored, false when identical bytes were already stored (deduplicated).
    /// The upload's own data is gone afterwards in both cases.
    /// </summary>
    ValueTask<bool> PromoteAsync(string uploadId, long length, string? storeState, string sha256Hex, CancellationToken cancellationToken);

    /// <summary>Deletes the upload's data (termination, expiry), aborting any pending multipart state.</summary>
    ValueTask DeleteAsync(string uploadId, string? storeState, CancellationToken cancellationToken);
}

/// <summary>
/// Appends to one upload. Bytes become durable only at <see cref="CommitAsync"/>; <see cref="RollbackAsync"/>
/// discards everything written since the last commit (a chunk whose checksum did not match).
/// </summary>
public interface IUploadDataWriter : IAsyncDisposable
{
    /// <summary>Committed length plus bytes written since the last commit.</summary>
    long Position { get; }

    /// <summary>Appends bytes.</summary>
    ValueTask WriteAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken);

    /// <summary>Makes everything written so far durable; returns the new store state to persist.</summary>
    ValueTask<string?> CommitAsync(CancellationToken cancellationToken);

    /// <summary>Discards what was written since the last commit.</summary>
    ValueTask RollbackAsync(CancellationToken cancellationToken);
}
