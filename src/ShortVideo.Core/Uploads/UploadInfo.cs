namespace ShortVideo.Uploads;

/// <summary>
/// The persisted state of one tus upload: what the client declared, how far it got, and the
/// resumable hash state that lets the SHA-256 of the whole upload survive restarts without a second read.
/// </summary>
public sealed record UploadInfo
{
    /// <summary>Opaque upload id (URL-safe).</summary>
    public required string Id { get; init; }

    /// <summary>The user id from the token that created the upload; nobody else can see it.</summary>
    public required string OwnerId { get; init; }

    /// <summary>Declared total length; null while the length is deferred (creation-defer-length).</summary>
    public long? Length { get; init; }

    /// <summary>Bytes durably received so far.</summary>
    public long Offset { get; init; }

    /// <summary>Decoded Upload-Metadata pairs (value null for a key without a value).</summary>
    public IReadOnlyDictionary<string, string?> Metadata { get; init; } = new Dictionary<string, string?>();

    /// <summary>The raw Upload-Metadata header, echoed back on HEAD as the spec requires.</summary>
    public string? RawMetadata { get; init; }

    /// <summary>Partial, final, or a plain upload (concatenation extension).</summary>
    public UploadKind Kind { get; init; }

    /// <summary>For a final upload: the partial uploads it concatenates, in order.</summary>
    public IReadOnlyList<string> PartialIds { get; init; } = [];

    /// <summary>When the upload was created.</summary>
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>When an unfinished upload is swept (expiration extension).</summary>
    public DateTimeOffset ExpiresAt { get; init; }

    /// <summary>Serialized SHA-256 midstate after <see cref="Offset"/> bytes.</summary>
    public byte[]? HashState { get; init; }

    /// <summary>Opaque state of the data store (an S3 multipart upload id and its parts, say).</summary>
    public string? StoreState { get; init; }

    /// <summary>Set once all bytes arrived: hex SHA-256 of the whole upload.</summary>
    public string? Sha256 { get; init; }

    /// <summary>
    /// Set once the bytes were promoted to their blob: true when identical bytes were already stored.
    /// Recorded before the video is written, so a completion interrupted by a crash resumes from here.
    /// </summary>
    public bool? Deduplicated { get; init; }

    /// <summary>Set once the upload became a video.</summary>
    public string? VideoId { get; init; }

    /// <summary>When the last byte arrived; null while unfinished.</summary>
    public DateTimeOffset? CompletedAt { get; init; }

    /// <summary>True when every declared byte was received.</summary>
    public bool IsComplete => Length is { } length && Offset == length && CompletedAt is not null;
}

/// <summary>The concatenation role of an upload.</summary>
public enum UploadKind
{
    /// <summary>An ordinary upload that becomes a video when complete.</summary>
    Regular = 0,

    /// <summary>A piece meant to be concatenated; never becomes a video on its own.</summary>
    Partial = 1,

    /// <summary>The concatenation of partial uploads; receives no PATCH.</summary>
    Final = 2,
}
