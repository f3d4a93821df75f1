namespace ShortVideo.Media.Probing;

/// <summary>What ffprobe found in a file: the container, and its first video and first audio stream.</summary>
internal sealed record ProbeResult
{
    /// <summary>Whether ffprobe could open and parse the file at all.</summary>
    public required bool Readable { get; init; }

    /// <summary>The first line ffprobe wrote to stderr when it could not read the file; for operators, not users.</summary>
    public string? Diagnostic { get; init; }

    /// <summary>
    /// The container the file's first bytes announce (e.g. "mp4", "matroska"), found without ffprobe, or null
    /// when they announce none we know. It tells a damaged video from a file that never was one.
    /// </summary>
    public string? Signature { get; init; }

    /// <summary>ffprobe's name of the container format, e.g. "mov,mp4,m4a,3gp,3g2,mj2".</summary>
    public string? FormatName { get; init; }

    /// <summary>Duration of the container, when known.</summary>
    public TimeSpan? Duration { get; init; }

    /// <summary>Size of the file in bytes, when known.</summary>
    public long? SizeBytes { get; init; }

    /// <summary>Overall bit rate in bits per second, when known.</summary>
    public long? BitRate { get; init; }

    /// <summary>The first video stream that is not an attached picture (cover art), if any.</summary>
    public VideoStreamInfo? Video { get; init; }

    /// <summary>The first audio stream, if any.</summary>
    public AudioStreamInfo? Audio { get; init; }
}
