namespace ShortVideo.Uploads;

/// <summary>A request to create an upload (a tus POST), already parsed from headers.</summary>
public sealed record CreateUploadRequest
{
    /// <summary>The authenticated user who will own the upload and the video it becomes.</summary>
    public required string OwnerId { get; init; }

    /// <summary>Upload-Length, or null with <see cref="DeferLength"/>.</summary>
    public long? Length { get; init; }

    /// <summary>The length is given by a later write (creation-defer-length).</summary>
    public bool DeferLength { get; init; }

    /// <summary>The Upload-Metadata header as sent; parsed and checked by the service.</summary>
    public string? RawMetadata { get; init; }

    /// <summary>A whole upload, a partial one, or the final concatenation of partial ones.</summary>
    public UploadKind Kind { get; init; }

    /// <summary>For a final upload: ids of the partial uploads, in order.</summary>
    public IReadOnlyList<string> PartialIds { get; init; } = [];
}

/// <summary>A write of bytes at an offset (a tus PATCH, or the body of creation-with-upload), already parsed from headers.</summary>
public sealed record WriteUploadRequest
{
    /// <summary>The authenticated user; another user's upload is not found.</summary>
    public required string OwnerId { get; init; }

    /// <summary>The upload written to.</summary>
    public required string UploadId { get; init; }

    /// <summary>Upload-Offset the client believes the upload is at.</summary>
    public long Offset { get; init; }

    /// <summary>Upload-Length sent with a PATCH to fix a deferred length.</summary>
    public long? DeclaredLength { get; init; }

    /// <summary>Content-Length of the body when known.</summary>
    public long? ContentLength { get; init; }

    /// <summary>Upload-Checksum algorithm name, or null.</summary>
    public string? ChecksumAlgorithm { get; init; }

    /// <summary>Upload-Checksum digest, decoded.</summary>
    public ReadOnlyMemory<byte>? ChecksumDigest { get; init; }
}

/// <summary>The state of an upload after a request, and the video it became if it completed.</summary>
/// <param name="Upload">The upload as stored after the request.</param>
public sealed record UploadResult(UploadInfo Upload)
{
    /// <summary>The video the upload became, once complete; null before.</summary>
    public string? VideoId => Upload.VideoId;
}
