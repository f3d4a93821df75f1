using Amazon.S3.Model;

namespace ShortVideo.Hosting.Storage.S3;

/// <summary>Multipart upload calls shared by the upload writer, assembly and large copies.</summary>
internal sealed partial class S3StorageBucket
{
    /// <summary>Starts a multipart upload of <paramref name="key"/>; returns its id.</summary>
    public async ValueTask<string> StartMultipartAsync(string key, CancellationToken cancellationToken)
    {
        var request = new InitiateMultipartUploadRequest { BucketName = Name, Key = key };
        var response = await Client.InitiateMultipartUploadAsync(request, cancellationToken).ConfigureAwait(false);
        return response.UploadId;
    }

    /// <summary>Uploads one part of a multipart upload; returns its ETag.</summary>
    public async ValueTask<string> UploadPartAsync(
        string key, string multipartUploadId, int partNumber, byte[] buffer, int count, CancellationToken cancellationToken)
    {
        using var body = new MemoryStream(buffer, 0, count, writable: false);
        var request = new UploadPartRequest
        {
            BucketName = Name,
            Key = key,
            UploadId = multipartUploadId,
            PartNumber = partNumber,
            PartSize = count,
            InputStream = body,
            UseChunkEncoding = Options.UseChunkEncoding,
        };
        var response = await Client.UploadPartAsync(request, cancellationToken).ConfigureAwait(false);
        return response.ETag;
    }

    /// <summary>Completes the multipart upload with exactly <paramref name="parts"/>; parts not listed are discarded.</summary>
    public async ValueTask CompleteMultipartAsync(string key, string multipartUploadId, List<PartETag> parts, CancellationToken cancellationToken)
    {
        var request = new CompleteMultipartUploadRequest
        {
            BucketName = Name,
            Key = key,
            UploadId = multipartUploadId,
            PartETags = parts,
        };
        await Client.CompleteMultipartUploadAsync(request, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Aborts the multipart upload; S3 errors (NoSuchUpload, a server without abort) are the caller's to judge.</summary>
    public async ValueTask AbortMultipartAsync(string key, string multipartUploadId, CancellationToken cancellationToken)
    {
        var request = new AbortMultipartUploadRequest { BucketName = Name, Key = key, UploadId = multipartUploadId };
        await Client.AbortMultipartUploadAsync(request, cancellationToken).ConfigureAwait(false);
    }
}
