namespace ShortVideo.Jobs;

/// <summary>Work to enqueue.</summary>
public sealed record JobRequest
{
    /// <summary>What the work is, e.g. "transcode"; workers lease jobs of one kind.</summary>
    public required string Kind { get; init; }

    /// <summary>What the work is about, e.g. the video id; unique within the kind.</summary>
    public required string Key { get; init; }

    /// <summary>Whatever the worker needs beyond the key, usually JSON.</summary>
    public string? Payload { get; init; }

    /// <summary>The job is not leased before this time; null means now.</summary>
    public DateTimeOffset? NotBefore { get; init; }
}
