namespace ShortVideo.Uploads;

/// <summary>A POST to the creation endpoint, already parsed from headers.</summary>
internal sealed record CreateUploadRequest
{
    public required string OwnerId { get; init; }

    /// <summary>Upload-Length, or null with <see cref="DeferLength"/>.</summary>
    public long? Length { get; init; }

    public bool DeferLength { get; init; }

    public string? RawMetadata { get; init; }

    public UploadKind Kind { get; init; }

    /// <summary>For a final upload: ids of the partial uploads, in order.</summary>
    public IReadOnlyList<string> PartialIds { get; init; } = [];
}

/// <summary>A PATCH (or the body of creation-with-upload), already parsed from headers.</summary>
internal sealed record WriteUploadRequest
{
    public required string OwnerId { get; init; }

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
    public byte[]? ChecksumDigest { get; init; }
}

/// <summary>The state of an upload after a request, and the video it became if it completed.</summary>
internal sealed record UploadResult(UploadInfo Upload)
{
    public string? VideoId => Upload.VideoId;
}
