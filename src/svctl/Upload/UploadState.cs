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
}
