namespace ShortVideo.Uploads;

/// <summary>
/// Resumable uploads as tus 1.0 defines them (core protocol plus creation, creation-with-upload,
/// creation-defer-length, expiration, checksum, termination and concatenation), independent of HTTP: an
/// endpoint parses headers into requests and maps <see cref="UploadException"/>s to status codes. The SHA-256
/// of every upload is computed as bytes arrive; a finished upload becomes a content-addressed blob and a video.
/// Registered by <c>AddUploads()</c>; thread-safe, and writes to one upload are serialized.
/// </summary>
public interface IUploadService
{
    /// <summary>Creates an upload; with a <paramref name="body"/> (creation-with-upload) writes it too.</summary>
    ValueTask<UploadResult> CreateAsync(CreateUploadRequest request, Stream? body, long? contentLength, CancellationToken cancellationToken);

    /// <summary>Appends <paramref name="body"/> at <see cref="WriteUploadRequest.Offset"/>; completes the upload when the last byte arrives.</summary>
    ValueTask<UploadResult> WriteAsync(WriteUploadRequest request, Stream body, CancellationToken cancellationToken);

    /// <summary>The upload's current state; another owner's or an unknown upload is <see cref="UploadError.NotFound"/>.</summary>
    ValueTask<UploadInfo> GetAsync(string ownerId, string uploadId, CancellationToken cancellationToken);

    /// <summary>Deletes an unfinished upload and its bytes (termination).</summary>
    ValueTask TerminateAsync(string ownerId, string uploadId, CancellationToken cancellationToken);
}
