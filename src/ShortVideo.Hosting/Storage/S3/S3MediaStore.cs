using Amazon.S3.Model;
using ShortVideo.Media.Storage;

namespace ShortVideo.Hosting.Storage.S3;

/// <summary>
/// Processed media as S3 objects <c>{Prefix}media/{videoId}/{version}/{path}</c>, each with its Content-Type.
/// S3 has no atomic directory rename; a version becomes visible only when the catalog points at it, which
/// happens after every object is stored, so a half-published version is never served.
/// </summary>
internal sealed class S3MediaStore(S3StorageBucket bucket) : IMediaStore
{
    public async ValueTask PublishAsync(string videoId, string version, string localDirectory, CancellationToken cancellationToken)
    {
        MediaPaths.Check(videoId, version);
        await bucket.EnsureReadyAsync(cancellationToken).ConfigureAwait(false);
        foreach (var file in Directory.EnumerateFiles(localDirectory, "*", SearchOption.AllDirectories))
        {
            var path = Path.GetRelativePath(localDirectory, file).Replace('\\', '/');
            var request = new PutObjectRequest
            {
                BucketName = bucket.Name,
                Key = Key(videoId, version, path),
                FilePath = file,
                ContentType = MediaPaths.ContentType(path),
                UseChunkEncoding = bucket.Options.UseChunkEncoding,
            };
            await bucket.Client.PutObjectAsync(request, cancellationToken).ConfigureAwait(false);
        }
    }

    public async ValueTask<MediaObject?> GetAsync(string videoId, string version, string path, CancellationToken cancellationToken)
    {
        if (!MediaPaths.IsValidName(videoId) || !MediaPaths.IsValidName(version) || !MediaPaths.IsValidRelativePath(path))
        {
            return null;
        }

        var key = Key(videoId, version, path);
        GetObjectMetadataResponse metadata;
        try
        {
            metadata = await bucket.Client.GetObjectMetadataAsync(new GetObjectMetadataRequest { BucketName = bucket.Name, Key = key }, cancellationToken)
                .ConfigureAwait(false);
        }
        catch (Amazon.S3.AmazonS3Exception e) when (S3Errors.IsNotFound(e))
        {
            return null;
        }

        var length = metadata.ContentLength;
        var modified = metadata.LastModified is { } lastModified ? new DateTimeOffset(lastModified.ToUniversalTime(), TimeSpan.Zero) : DateTimeOffset.UnixEpoch;
        return new MediaObject(length, MediaPaths.EntityTag(videoId, version, path, length), modified, async (offset, count, ct) =>
        {
            var request = new GetObjectRequest { BucketName = bucket.Name, Key = key };
            if (offset != 0 || count != length)
            {
                request.ByteRange = new ByteRange(offset, offset + count - 1);
            }

            var response = await bucket.Client.GetObjectAsync(request, ct).ConfigureAwait(false);
            return new S3ObjectStream(response);
        });
    }

    public async ValueTask DeleteAsync(string videoId, string? keepVersion, CancellationToken cancellationToken)
    {
        if (!MediaPaths.IsValidName(videoId))
        {
            throw new ArgumentException("Video ids are letters, digits, '-' and '_'.", nameof(videoId));
        }

        var prefix = $"{bucket.Options.Prefix}media/{videoId}/";
        var request = new ListObjectsV2Request { BucketName = bucket.Name, Prefix = prefix };
        while (true)
        {
            var page = await bucket.Client.ListObjectsV2Async(request, cancellationToken).ConfigureAwait(false);
            foreach (var item in page.S3Objects ?? [])
            {
                var version = item.Key[prefix.Length..].Split('/')[0];
                if (!string.Equals(version, keepVersion, StringComparison.Ordinal))
                {
                    await bucket.DeleteAsync(item.Key, cancellationToken).ConfigureAwait(false);
                }
            }

            if (page.IsTruncated != true)
            {
                return;
            }

            request.ContinuationToken = page.NextContinuationToken;
        }
    }

    private string Key(string videoId, string version, string path) => $"{bucket.Options.Prefix}media/{videoId}/{version}/{path}";
}
