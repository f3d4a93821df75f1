namespace ShortVideo.Cli.Upload;

/// <summary>
/// What a re-run needs to resume: which upload URL on which server holds this file's bytes.
/// The offset is not trusted from here (the server's HEAD is the truth); it is kept for people reading the file.
/// </summary>
internal sealed record UploadState
{
    public int Version { get; init; } = 1;

    public required string FilePath { get; init; }

    public required long SizeBytes { get; init; }

    public required long ModifiedUtcTicks { get; init; }

    /// <summary>The creation endpoint the upload was made on; another server means another upload.</summary>
    public required string Server { get; init; }

    public required string UploadUrl { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public long LastKnownOffset { get; init; }

    /// <summary>
    /// The visibility the upload was created with (null: public, and every state written before it was recorded).
    /// Metadata is fixed at creation, so a re-run that asks for another visibility must not continue this upload.
    /// </summary>
    public string? Visibility { get; init; }
}
