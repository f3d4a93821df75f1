namespace ShortVideo.Jobs;

/// <summary>A job as the queue stores it.</summary>
public sealed record JobInfo
{
    /// <summary>Id of the job in the queue.</summary>
    public required long JobId { get; init; }

    /// <summary>Kind of the job.</summary>
    public required string Kind { get; init; }

    /// <summary>Key of the job within its kind.</summary>
    public required string Key { get; init; }

    /// <summary>Payload given at enqueue.</summary>
    public string? Payload { get; init; }

    /// <summary>Where the job is in its life.</summary>
    public required JobStatus Status { get; init; }

    /// <summary>How many times it was leased.</summary>
    public int Attempts { get; init; }

    /// <summary>Error of the last failed attempt, or null.</summary>
    public string? LastError { get; init; }

    /// <summary>When a queued job becomes runnable.</summary>
    public DateTimeOffset NotBefore { get; init; }

    /// <summary>Worker that leased the job last (kept after it finishes, for operators).</summary>
    public string? LeaseOwner { get; init; }

    /// <summary>When the lease of a running job expires.</summary>
    public DateTimeOffset? LeaseExpiresAt { get; init; }

    /// <summary>When the job was enqueued.</summary>
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>When the job last changed.</summary>
    public DateTimeOffset UpdatedAt { get; init; }
}

/// <summary>Lifecycle of a job; the numbers are stored.</summary>
public enum JobStatus
{
    /// <summary>Waiting for a worker (possibly until its not-before time).</summary>
    Queued = 0,

    /// <summary>Leased by a worker.</summary>
    Running = 1,

    /// <summary>Completed.</summary>
    Succeeded = 2,

    /// <summary>Failed on its last allowed attempt; not run again.</summary>
    Failed = 3,
}
