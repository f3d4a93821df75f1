using Amazon.S3;
using Amazon.S3.Model;

namespace ShortVideo.Hosting.Storage.S3;

/// <summary>Completion of the multipart upload and its move to the content address.</summary>
internal sealed partial class S3UploadDataStore
{
    /// <summary>The largest object one CopyObject request may copy (an S3 limit).</summary>
    internal const long MaxCopyObjectBytes = 5L * 1024 * 1024 * 1024;

    /// <summary>Part size of a multipart copy: 1 GiB keeps a 5 TiB object (S3's maximum) near 5,000 parts.</summary>
    private const long CopyPartBytes = 1L * 1024 * 1024 * 1024;

    /// <summary>
    /// Completes the multipart upload with exactly the committed parts (the tail as the last one) into
    /// <c>{Prefix}uploads/{uploadId}</c>, then copies it server-side to <c>{Prefix}blobs/ab/cd/…</c> unless that
    /// blob exists already. The upload's objects are deleted either way.
    /// </summary>
    public async ValueTask<bool> PromoteAsync(string uploadId, long length, string? storeState, string sha256Hex, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(uploadId);
        var blobKey = _bucket.BlobKey(sha256Hex);
        var state = S3UploadState.Parse(uploadId, storeState);
        if (length != state.Length)
        {
            throw new InvalidOperationException($"Upload {uploadId} has {state.Length} committed bytes in S3; promoting {length} was asked.");
        }

        try
        {
            await AssembleAsync(uploadId, state, cancellationToken).ConfigureAwait(false);
        }
        catch (AmazonS3Exception e) when (e.ErrorCode == "NoSuchUpload")
        {
            // A promote that stopped after copying and deleting the assembled object, run again: the bytes
            // are stored, identical ones under the blob's name, which is what false says.
            if (await _bucket.GetSizeAsync(blobKey, cancellationToken).ConfigureAwait(false) is null)
            {
                throw new InvalidOperationException($"Upload {uploadId} has no data left in S3: its multipart upload is gone and no blob {sha256Hex} is stored.", e);
            }

            await _bucket.DeletePrefixAsync(_bucket.TailPrefix(uploadId), cancellationToken).ConfigureAwait(false);
            return false;
        }

        var uploadKey = _bucket.UploadKey(uploadId);
        var stored = await _bucket.GetSizeAsync(blobKey, cancellationToken).ConfigureAwait(false) is null;
        if (stored)
        {
            await CopyAsync(uploadKey, blobKey, length, cancellationToken).ConfigureAwait(false);
        }

        await _bucket.DeleteAsync(uploadKey, cancellationToken).ConfigureAwait(false);
        await _bucket.DeletePrefixAsync(_bucket.TailPrefix(uploadId), cancellationToken).ConfigureAwait(false);
        return stored;
    }

    /// <summary>Makes <c>{Prefix}uploads/{uploadId}</c> hold the committed bytes, unless an earlier call did.</summary>
    private async ValueTask AssembleAsync(string uploadId, S3UploadState state, CancellationToken cancellationToken)
    {
        var key = _bucket.UploadKey(uploadId);
        if (await _bucket.GetSizeAsync(key, cancellationToken).ConfigureAwait(false) is { } size)
        {
            if (size == state.Length)
            {
                return;
            }

            throw new InvalidOperationException($"Upload {uploadId}: S3 object '{key}' has {size} bytes where the store state records {state.Length}.");
        }

        if (state.Length == 0)
        {
            // S3 cannot complete a multipart upload without parts.
            await AbortAsync(uploadId, state.MultipartUploadId, cancellationToken).ConfigureAwait(false);
            await _bucket.PutAsync(key, [], 0, cancellationToken).ConfigureAwait(false);
            return;
        }

        var parts = new List<PartETag>(state.Parts.Count + 1);
        foreach (var part in state.Parts)
        {
            parts.Add(new PartETag(part.Number, part.ETag));
        }

        if (state.TailKey is { } tailKey)
        {
            // The last part of a multipart upload may be smaller than 5 MiB.
            parts.Add(await SendTailAsLastPartAsync(uploadId, state, tailKey, cancellationToken).ConfigureAwait(false));
        }

        await _bucket.CompleteMultipartAsync(key, state.MultipartUploadId, parts, cancellationToken).ConfigureAwait(false);
    }

    private async ValueTask<PartETag> SendTailAsLastPartAsync(string uploadId, S3UploadState state, string tailKey, CancellationToken cancellationToken)
    {
        var size = (int)state.TailSize;
        var number = state.Parts.Count + 1;
        var buffer = _pool.Rent(size);
        try
        {
            await _bucket.ReadExactlyAsync(tailKey, buffer.AsMemory(0, size), cancellationToken).ConfigureAwait(false);
            var etag = await _bucket.UploadPartAsync(_bucket.UploadKey(uploadId), state.MultipartUploadId, number, buffer, size, cancellationToken)
                .ConfigureAwait(false);
            return new PartETag(number, etag);
        }
        finally
        {
            _pool.Return(buffer);
        }
    }

    private async ValueTask CopyAsync(string sourceKey, string destinationKey, long length, CancellationToken cancellationToken)
    {
        if (length <= MaxCopyObjectBytes)
        {
            var request = new CopyObjectRequest
            {
                SourceBucket = _bucket.Name,
                SourceKey = sourceKey,
                DestinationBucket = _bucket.Name,
                DestinationKey = destinationKey,
            };
            await Client.CopyObjectAsync(request, cancellationToken).ConfigureAwait(false);
            return;
        }

        await CopyInPartsAsync(sourceKey, destinationKey, length, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Server-side copy of an object over 5 GiB with UploadPartCopy; aborts on failure.</summary>
    private async ValueTask CopyInPartsAsync(string sourceKey, string destinationKey, long length, CancellationToken cancellationToken)
    {
        var multipartUploadId = await _bucket.StartMultipartAsync(destinationKey, cancellationToken).ConfigureAwait(false);
        try
        {
            var partSize = Math.Max(CopyPartBytes, (length + S3UploadWriter.MaxParts - 1) / S3UploadWriter.MaxParts);
            var parts = new List<PartETag>((int)((length + partSize - 1) / partSize));
            for (long first = 0; first < length; first += partSize)
            {
                var request = new CopyPartRequest
                {
                    SourceBucket = _bucket.Name,
                    SourceKey = sourceKey,
                    DestinationBucket = _bucket.Name,
                    DestinationKey = destinationKey,
                    UploadId = multipartUploadId,
                    PartNumber = parts.Count + 1,
                    FirstByte = first,
                    LastByte = Math.Min(first + partSize, length) - 1,
                };
                var response = await Client.CopyPartAsync(request, cancellationToken).ConfigureAwait(false);
                parts.Add(new PartETag(response));
            }

            await _bucket.CompleteMultipartAsync(destinationKey, multipartUploadId, parts, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            try
            {
                // Not cancellable: the copy's own cancellation may be what brought us here.
                await _bucket.AbortMultipartAsync(destinationKey, multipartUploadId, CancellationToken.None).ConfigureAwait(false);
            }
            catch (Exception e) when (S3Errors.IsRemoteFailure(e))
            {
                S3Log.CleanupFailed(_logger, e, destinationKey);
            }

            throw;
        }
    }
}
