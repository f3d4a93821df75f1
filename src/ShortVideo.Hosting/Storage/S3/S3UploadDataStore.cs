using System.Buffers;
using Amazon.S3;
using Microsoft.Extensions.Logging;
using ShortVideo.Uploads;

namespace ShortVideo.Hosting.Storage.S3;

/// <summary>
/// Unfinished uploads as S3 multipart uploads (key <c>{Prefix}uploads/{uploadId}</c>): full parts are sent as
/// they accumulate, the committed bytes short of a part live in a tail object, and nothing is ever
/// buffered beyond one part per writer, in memory or on local disk. See <see cref="S3UploadState"/>.
/// </summary>
/// <remarks>
/// Reading (<see cref="OpenReadAsync"/>): S3 cannot read the parts of an unfinished multipart upload, so a
/// read first completes the multipart upload into the object <c>{Prefix}uploads/{uploadId}</c> (the tail
/// becomes the last part). The upload is sealed from then on: it takes no more bytes. The interface returns
/// no new state from a read, so that object is itself the mark: <see cref="PromoteAsync"/> finds it by a HEAD
/// and copies it without completing again; <see cref="DeleteAsync"/> deletes it.
/// <para>
/// A multipart upload no record points to (a crash between <see cref="CreateAsync"/> and the engine
/// persisting the upload), or one a server cannot abort (s3rver), is out of reach: on AWS a bucket lifecycle
/// rule AbortIncompleteMultipartUpload is the backstop.
/// </para>
/// </remarks>
internal sealed partial class S3UploadDataStore : IUploadDataStore
{
    private readonly S3StorageBucket _bucket;
    private readonly ILogger _logger;
    private readonly ArrayPool<byte> _pool;

    /// <param name="bucket">The bucket and its client.</param>
    /// <param name="logger">Warnings about clean-up that could not happen.</param>
    /// <param name="pool">Where part buffers come from; tests pass a counting pool.</param>
    public S3UploadDataStore(S3StorageBucket bucket, ILogger<S3UploadDataStore> logger, ArrayPool<byte>? pool = null)
    {
        _bucket = bucket;
        _logger = logger;
        _pool = pool ?? ArrayPool<byte>.Shared;
    }

    private IAmazonS3 Client => _bucket.Client;

    public async ValueTask<string?> CreateAsync(string uploadId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(uploadId);
        await _bucket.EnsureReadyAsync(cancellationToken).ConfigureAwait(false);
        var multipartUploadId = await _bucket.StartMultipartAsync(_bucket.UploadKey(uploadId), cancellationToken).ConfigureAwait(false);
        return new S3UploadState { MultipartUploadId = multipartUploadId }.ToJson();
    }

    /// <summary>
    /// Opens a writer at the committed state. <paramref name="offset"/> must be the length that state records:
    /// the store cannot drop or invent bytes to match another one.
    /// </summary>
    public async ValueTask<IUploadDataWriter> OpenWriterAsync(string uploadId, long offset, string? storeState, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(uploadId);
        var state = S3UploadState.Parse(uploadId, storeState);
        if (offset != state.Length)
        {
            throw new InvalidOperationException(
                $"Upload {uploadId}: the engine's committed offset {offset} differs from the {state.Length} bytes its S3 store state records " +
                $"({state.Parts.Count} parts and a {state.TailSize}-byte tail); the upload record and its store state are out of step.");
        }

        return await S3UploadWriter.OpenAsync(_bucket, _pool, _logger, uploadId, state, storeState!, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Completes the multipart upload (see the remarks on the class), then streams the object.</summary>
    public async ValueTask<Stream> OpenReadAsync(string uploadId, long length, string? storeState, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(uploadId);
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        var state = S3UploadState.Parse(uploadId, storeState);
        if (length > state.Length)
        {
            throw new InvalidOperationException($"Upload {uploadId} has {state.Length} committed bytes; {length} were asked for.");
        }

        await AssembleAsync(uploadId, state, cancellationToken).ConfigureAwait(false);
        if (length == 0)
        {
            return Stream.Null;
        }

        return await _bucket.OpenReadAsync(_bucket.UploadKey(uploadId), length < state.Length ? length : null, cancellationToken)
            .ConfigureAwait(false);
    }

    /// <summary>Aborts the multipart upload and deletes the assembled object and every tail; safe to repeat.</summary>
    public async ValueTask DeleteAsync(string uploadId, string? storeState, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(uploadId);
        S3UploadState? state = null;
        try
        {
            state = storeState is null ? null : S3UploadState.Parse(uploadId, storeState);
        }
        catch (InvalidOperationException e)
        {
            // Deleting must not get stuck on a damaged record; the objects are found by key.
            S3Log.UnreadableState(_logger, e, uploadId);
        }

        if (state is not null)
        {
            await AbortAsync(uploadId, state.MultipartUploadId, cancellationToken).ConfigureAwait(false);
        }

        await _bucket.DeleteAsync(_bucket.UploadKey(uploadId), cancellationToken).ConfigureAwait(false);
        await _bucket.DeletePrefixAsync(_bucket.TailPrefix(uploadId), cancellationToken).ConfigureAwait(false);
    }

    private async ValueTask AbortAsync(string uploadId, string multipartUploadId, CancellationToken cancellationToken)
    {
        try
        {
            await _bucket.AbortMultipartAsync(_bucket.UploadKey(uploadId), multipartUploadId, cancellationToken).ConfigureAwait(false);
        }
        catch (AmazonS3Exception e) when (S3Errors.IsNotFound(e))
        {
            // NoSuchUpload: aborted or completed already.
        }
        catch (AmazonS3Exception e) when (S3Errors.IsUnsupported(e))
        {
            S3Log.AbortUnsupported(_logger, uploadId, multipartUploadId, S3Errors.Describe(e));
        }
    }
}
