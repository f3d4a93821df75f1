using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ShortVideo.Blobs;
using ShortVideo.Catalog;

namespace ShortVideo.Uploads;

/// <summary>
/// The tus 1.0 engine: core protocol plus creation, creation-with-upload, creation-defer-length,
/// expiration, checksum, termination and concatenation, independent of HTTP. The SHA-256 of every upload
/// is computed as bytes arrive and saved with each commit; a finished upload becomes a content-addressed
/// blob and a video record.
/// </summary>
internal sealed partial class UploadEngine : IUploadService
{
    private readonly IUploadRepository _uploads;
    private readonly IUploadDataStore _data;
    private readonly IBlobStore _blobs;
    private readonly IVideoCatalog _videos;
    private readonly IVideoEvents[] _events;
    private readonly UploadLocks _locks;
    private readonly TimeProvider _time;
    private readonly ILogger<UploadEngine> _logger;

    public UploadEngine(
        IUploadRepository uploads,
        IUploadDataStore data,
        IBlobStore blobs,
        IVideoCatalog videos,
        IEnumerable<IVideoEvents> events,
        UploadLocks locks,
        IOptions<UploadOptions> options,
        TimeProvider time,
        ILogger<UploadEngine> logger)
    {
        _uploads = uploads;
        _data = data;
        _blobs = blobs;
        _videos = videos;
        _events = [.. events];
        _locks = locks;
        Options = options.Value;
        _time = time;
        _logger = logger;
    }

    public UploadOptions Options { get; }

    /// <summary>Creates an upload; with a body (creation-with-upload) writes it too.</summary>
    public async ValueTask<UploadResult> CreateAsync(CreateUploadRequest request, Stream? body, long? contentLength, CancellationToken cancellationToken)
    {
        var metadata = UploadMetadata.Parse(request.RawMetadata, Options.MaxMetadataBytes);
        UploadMetadata.Visibility(metadata);
        if (request.Kind == UploadKind.Final)
        {
            if (body is not null && contentLength is > 0)
            {
                throw new UploadException(UploadError.FinalUploadNotPatchable, "A final upload is the concatenation of its partial uploads and takes no body.");
            }

            return await ConcatenateAsync(request, metadata, cancellationToken).ConfigureAwait(false);
        }

        if (request.Length is null && !request.DeferLength)
        {
            throw new UploadException(UploadError.InvalidHeader, "Send Upload-Length, or Upload-Defer-Length: 1 if the length is not known yet.");
        }

        if (request.Length is { } length)
        {
            CheckLength(length);
        }

        var now = _time.GetUtcNow();
        var id = NewId(16);
        var upload = new UploadInfo
        {
            Id = id,
            OwnerId = request.OwnerId,
            Length = request.Length,
            Kind = request.Kind,
            RawMetadata = request.RawMetadata,
            Metadata = metadata,
            CreatedAt = now,
            ExpiresAt = now + Options.Expiration,
        };
        upload = await StoreNewAsync(upload, cancellationToken).ConfigureAwait(false);
        LogCreated(upload.Id, upload.OwnerId, upload.Length);

        if (upload.Length == 0)
        {
            using var lease = _locks.TryAcquire(id)!;
            return new UploadResult(await CompleteAsync(upload, new Hashing.ResumableSha256(), cancellationToken).ConfigureAwait(false));
        }

        if (body is null)
        {
            return new UploadResult(upload);
        }

        return await WriteAsync(
            new WriteUploadRequest { OwnerId = request.OwnerId, UploadId = id, Offset = 0, ContentLength = contentLength },
            body,
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The upload as HEAD reports it; NotFound for someone else's, Gone once expired.</summary>
    public async ValueTask<UploadInfo> GetAsync(string ownerId, string uploadId, CancellationToken cancellationToken)
    {
        var upload = await LoadOwnedAsync(ownerId, uploadId, cancellationToken).ConfigureAwait(false);
        if (upload.Sha256 is not null && upload.CompletedAt is null)
        {
            // A crash interrupted completion: finish it under the lock before reporting.
            using var lease = await _locks.AcquireAsync(uploadId, Options.LockReleaseTimeout, cancellationToken).ConfigureAwait(false);
            upload = await LoadOwnedAsync(ownerId, uploadId, cancellationToken).ConfigureAwait(false);
            if (upload.Sha256 is not null && upload.CompletedAt is null)
            {
                upload = await FinishCompletionAsync(upload, cancellationToken).ConfigureAwait(false);
            }
        }

        return upload;
    }

    /// <summary>Termination: deletes the upload and its data.</summary>
    public async ValueTask TerminateAsync(string ownerId, string uploadId, CancellationToken cancellationToken)
    {
        using var lease = await _locks.AcquireAsync(uploadId, Options.LockReleaseTimeout, cancellationToken).ConfigureAwait(false);
        var upload = await LoadOwnedAsync(ownerId, uploadId, cancellationToken).ConfigureAwait(false);
        if (upload.CompletedAt is null || upload.Kind == UploadKind.Partial)
        {
            await _data.DeleteAsync(uploadId, upload.StoreState, CancellationToken.None).ConfigureAwait(false);
        }

        // A finished upload's bytes are the video's blob now; terminating the upload only forgets the upload.
        await _uploads.DeleteAsync(uploadId, CancellationToken.None).ConfigureAwait(false);
        LogTerminated(uploadId);
    }

    private async ValueTask<UploadInfo> LoadOwnedAsync(string ownerId, string uploadId, CancellationToken cancellationToken)
    {
        var upload = await _uploads.GetAsync(uploadId, cancellationToken).ConfigureAwait(false);
        if (upload is null || !string.Equals(upload.OwnerId, ownerId, StringComparison.Ordinal))
        {
            if (upload is null && await _uploads.WasExpiredAsync(uploadId, ownerId, cancellationToken).ConfigureAwait(false))
            {
                throw Gone();
            }

            throw new UploadException(UploadError.NotFound, "No upload with this id exists for you.");
        }

        if (upload.CompletedAt is null && upload.Sha256 is null && upload.ExpiresAt <= _time.GetUtcNow())
        {
            throw Gone();
        }

        return upload;
    }

    private void CheckLength(long length)
    {
        if (length < 0)
        {
            throw new UploadException(UploadError.InvalidHeader, "Upload-Length must be a non-negative integer.");
        }

        if (length > Options.MaxSizeBytes)
        {
            throw new UploadException(UploadError.TooLarge, $"Upload-Length {length} is over this server's maximum of {Options.MaxSizeBytes} bytes.");
        }
    }

    private DateTimeOffset NextExpiry() => _time.GetUtcNow() + Options.Expiration;

    private static UploadException Gone() => new(UploadError.Gone, "This upload expired before it was finished and its bytes were deleted; start a new upload.");

    /// <summary>URL-safe random id (128 bits for uploads: unguessable, so ids never leak existence).</summary>
    internal static string NewId(int bytes)
    {
        Span<byte> random = stackalloc byte[bytes];
        RandomNumberGenerator.Fill(random);
        return Convert.ToBase64String(random).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Upload {UploadId} created by {OwnerId} (length {Length})")]
    private partial void LogCreated(string uploadId, string ownerId, long? length);

    [LoggerMessage(Level = LogLevel.Information, Message = "Upload {UploadId} terminated")]
    private partial void LogTerminated(string uploadId);
}
