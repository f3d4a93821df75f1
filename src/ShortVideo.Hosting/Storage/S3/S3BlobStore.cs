using ShortVideo.Blobs;

namespace ShortVideo.Hosting.Storage.S3;

/// <summary>Content-addressed blobs as S3 objects <c>{Prefix}blobs/ab/cd/abcd…</c>, written by <see cref="S3UploadDataStore.PromoteAsync"/>.</summary>
internal sealed class S3BlobStore(S3StorageBucket bucket) : IBlobStore
{
    public string Name => "s3";

    public ValueTask<long?> GetSizeAsync(string sha256Hex, CancellationToken cancellationToken) =>
        bucket.GetSizeAsync(bucket.BlobKey(sha256Hex), cancellationToken);

    /// <summary>Streams the blob from S3 without buffering it; <see cref="FileNotFoundException"/> when it is not stored.</summary>
    public ValueTask<Stream> OpenReadAsync(string sha256Hex, CancellationToken cancellationToken) =>
        bucket.OpenReadAsync(bucket.BlobKey(sha256Hex), length: null, cancellationToken);

    public ValueTask DeleteAsync(string sha256Hex, CancellationToken cancellationToken) =>
        bucket.DeleteAsync(bucket.BlobKey(sha256Hex), cancellationToken);

    /// <summary>A HEAD of the bucket (creating it when missing and allowed); throws a readable error otherwise.</summary>
    public ValueTask CheckAsync(CancellationToken cancellationToken) => bucket.CheckAsync(cancellationToken);
}
