namespace ShortVideo.Catalog;

/// <summary>A video in the catalog: the upload that became it, and what the media pipeline made of it.</summary>
public sealed record VideoRecord
{
    /// <summary>Opaque video id.</summary>
    public required string Id { get; init; }

    /// <summary>User id of the uploader.</summary>
    public required string CreatorId { get; init; }

    /// <summary>Lifecycle status.</summary>
    public VideoStatus Status { get; init; }

    /// <summary>Hex SHA-256 of the original bytes (its blob address).</summary>
    public required string Sha256 { get; init; }

    /// <summary>Size of the original in bytes.</summary>
    public long SizeBytes { get; init; }

    /// <summary>True when identical bytes were already stored, so no new blob was written.</summary>
    public bool Deduplicated { get; init; }

    /// <summary>Caption from Upload-Metadata.</summary>
    public string? Caption { get; init; }

    /// <summary>Client file name from Upload-Metadata (display only; never a path).</summary>
    public string? FileName { get; init; }

    /// <summary>Client content type from Upload-Metadata.</summary>
    public string? ContentType { get; init; }

    /// <summary>Why processing failed, as a sentence for the user.</summary>
    public string? Error { get; init; }

    /// <summary>Duration once probed.</summary>
    public long? DurationMs { get; init; }

    /// <summary>Who may watch it: everyone, or only the creator.</summary>
    public VideoVisibility Visibility { get; init; }

    /// <summary>The published media version (media/{id}/{version}/); null until the video is ready.</summary>
    public string? MediaVersion { get; init; }

    /// <summary>
    /// The video whose published media this one plays, when it was not transcoded for this video: media is shared by
    /// every video with the same bytes (the same SHA-256), so a copy is ready at once and stored once. Null: its own.
    /// </summary>
    public string? MediaSourceId { get; init; }

    /// <summary>The key its media files are stored under in the <c>IMediaStore</c>: <see cref="MediaSourceId"/>, else its own id.</summary>
    public string MediaKey => MediaSourceId ?? Id;

    /// <summary>Media files of the version (relative paths): the poster first, then storyboard files.</summary>
    public IReadOnlyList<string> Thumbnails { get; init; } = [];

    /// <summary>An earlier video this one re-encodes, resizes or crops, when the fingerprint index finds one.</summary>
    public string? NearDuplicateOf { get; init; }

    /// <summary>The tus upload it came from.</summary>
    public string? UploadId { get; init; }

    /// <summary>When the upload completed.</summary>
    public DateTimeOffset CreatedAt { get; init; }
}

/// <summary>Lifecycle of a video.</summary>
public enum VideoStatus
{
    /// <summary>All bytes received and stored; not yet processed.</summary>
    Uploaded = 0,

    /// <summary>The media pipeline is working on it.</summary>
    Processing = 1,

    /// <summary>Playable.</summary>
    Ready = 2,

    /// <summary>Refused or failed; see <see cref="VideoRecord.Error"/>.</summary>
    Failed = 3,
}

/// <summary>Who may watch a video.</summary>
public enum VideoVisibility
{
    /// <summary>Anyone.</summary>
    Public = 0,

    /// <summary>Only its creator; media answers 403 to everyone else.</summary>
    Private = 1,
}
