namespace ShortVideo.Blobs;

/// <summary>
/// Content-addressed storage of original uploads: a blob's name is the hex SHA-256 of its bytes,
/// so identical bytes are stored once whoever uploads them.
/// </summary>
public interface IBlobStore
{
    /// <summary>Short name for logs and `svctl doctor` ("filesystem", "s3").</summary>
    string Name { get; }

    /// <summary>Size of the blob, or null when no such blob is stored.</summary>
    ValueTask<long?> GetSizeAsync(string sha256Hex, CancellationToken cancellationToken);

    /// <summary>Opens the blob for reading; throws <see cref="FileNotFoundException"/> when it is not stored.</summary>
    ValueTask<Stream> OpenReadAsync(string sha256Hex, CancellationToken cancellationToken);

    /// <summary>Deletes the blob if stored.</summary>
    ValueTask DeleteAsync(string sha256Hex, CancellationToken cancellationToken);

    /// <summary>Checks that the backing store answers (a HEAD of the bucket, a write probe of the directory).</summary>
    ValueTask CheckAsync(CancellationToken cancellationToken);
}
