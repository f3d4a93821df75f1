namespace ShortVideo.Uploads;

/// <summary>Why the tus engine refused a request. Hosting maps each to its HTTP status (tus 1.0).</summary>
public enum UploadError
{
    /// <summary>No such upload, or it belongs to someone else (existence is not leaked): 404.</summary>
    NotFound,

    /// <summary>The upload expired and was swept: 410.</summary>
    Gone,

    /// <summary>Upload-Offset differs from the stored offset: 409.</summary>
    OffsetMismatch,

    /// <summary>Upload-Checksum did not match the chunk: 460.</summary>
    ChecksumMismatch,

    /// <summary>Upload-Checksum names an algorithm the server does not support: 400.</summary>
    UnsupportedChecksumAlgorithm,

    /// <summary>Upload-Length (or the bytes sent) exceed the configured maximum: 413.</summary>
    TooLarge,

    /// <summary>A malformed header value (length, offset, checksum, concat, defer-length): 400.</summary>
    InvalidHeader,

    /// <summary>Upload-Metadata is not valid (base64, duplicate keys, size): 400.</summary>
    InvalidMetadata,

    /// <summary>The body would run past Upload-Length: 400 (nothing beyond the length is stored).</summary>
    BeyondLength,

    /// <summary>PATCH on a final (concatenated) upload: 403.</summary>
    FinalUploadNotPatchable,

    /// <summary>Another request holds the upload and did not release it in time: 423.</summary>
    Locked,

    /// <summary>A partial upload of a concatenation is unknown, unfinished or not a partial: 400.</summary>
    InvalidConcatenation,

    /// <summary>The user already holds as many unfinished uploads as allowed (<see cref="UploadOptions.MaxUploadsInFlightPerUser"/>): 403.</summary>
    TooManyUploads,

    /// <summary>The upload would take the user's reserved bytes past <see cref="UploadOptions.MaxReservedBytesPerUser"/>: 403.</summary>
    QuotaExceeded,

    /// <summary>The filesystem that holds uploads has no room for the upload or the chunk: 507.</summary>
    InsufficientStorage,
}

/// <summary>A refused tus request with a sentence a client developer understands.</summary>
public sealed class UploadException : Exception
{
    /// <summary>Creates the exception.</summary>
    public UploadException(UploadError error, string message)
        : base(message)
    {
        Error = error;
    }

    /// <summary>Creates the exception with an inner cause.</summary>
    public UploadException(UploadError error, string message, Exception innerException)
        : base(message, innerException)
    {
        Error = error;
    }

    /// <summary>The kind of refusal.</summary>
    public UploadError Error { get; }
}
