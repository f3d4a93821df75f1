using Amazon.S3.Model;

namespace ShortVideo.Hosting.Storage.S3;

/// <summary>Object operations shared by the upload store and the blob store.</summary>
internal sealed partial class S3StorageBucket
{
    /// <summary>Size of the object, or null when there is none (a HEAD).</summary>
    public async ValueTask<long?> GetSizeAsync(string key, CancellationToken cancellationToken)
    {
        try
        {
            var metadata = await Client.GetObjectMetadataAsync(new GetObjectMetadataRequest { BucketName = Name, Key = key }, cancellationToken)
                .ConfigureAwait(false);
            return metadata.ContentLength;
        }
        catch (Amazon.S3.AmazonS3Exception e) when (S3Errors.IsNotFound(e))
        {
            return null;
        }
    }

    /// <summary>Streams the object (the first <paramref name="length"/> bytes when given) without buffering it.</summary>
    public async ValueTask<Stream> OpenReadAsync(string key, long? length, CancellationToken cancellationToken)
    {
        var request = new GetObjectRequest { BucketName = Name, Key = key };
        if (length is { } n)
        {
            request.ByteRange = new ByteRange(0, n - 1);
        }

        try
        {
            var response = await Client.GetObjectAsync(request, cancellationToken).ConfigureAwait(false);
            return new S3ObjectStream(response);
        }
        catch (Amazon.S3.AmazonS3Exception e) when (S3Errors.IsNotFound(e))
        {
            throw new FileNotFoundException($"No object '{key}' in S3 bucket '{Name}' at {ServiceUrl}.", key, e);
        }
    }

    /// <summary>Reads a whole small object into <paramref name="destination"/>, which must be exactly its size.</summary>
    public async ValueTask ReadExactlyAsync(string key, Memory<byte> destination, CancellationToken cancellationToken)
    {
        var stream = await OpenReadAsync(key, length: null, cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            if (stream.Length != destination.Length)
            {
                throw new InvalidOperationException(
                    $"S3 object '{key}' has {stream.Length} bytes where the upload state records {destination.Length}.");
            }

            await stream.ReadExactlyAsync(destination, cancellationToken).ConfigureAwait(false);
        }
    }

    public async ValueTask PutAsync(string key, byte[] buffer, int count, CancellationToken cancellationToken)
    {
        using var body = new MemoryStream(buffer, 0, count, writable: false);
        var request = new PutObjectRequest
        {
            BucketName = Name,
            Key = key,
            InputStream = body,
            AutoCloseStream = false,
            UseChunkEncoding = Options.UseChunkEncoding,
        };
        await Client.PutObjectAsync(request, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Deletes the object; S3 answers success for a missing one, so this is idempotent.</summary>
    public async ValueTask DeleteAsync(string key, CancellationToken cancellationToken) =>
        await Client.DeleteObjectAsync(new DeleteObjectRequest { BucketName = Name, Key = key }, cancellationToken).ConfigureAwait(false);

    /// <summary>Deletes every object under <paramref name="prefix"/> (the few tail generations of one upload).</summary>
    public async ValueTask DeletePrefixAsync(string prefix, CancellationToken cancellationToken)
    {
        var request = new ListObjectsV2Request { BucketName = Name, Prefix = prefix };
        while (true)
        {
            var page = await Client.ListObjectsV2Async(request, cancellationToken).ConfigureAwait(false);
            foreach (var item in page.S3Objects ?? [])
            {
                await DeleteAsync(item.Key, cancellationToken).ConfigureAwait(false);
            }

            if (page.IsTruncated != true)
            {
                return;
            }

            request.ContinuationToken = page.NextContinuationToken;
        }
    }
}
