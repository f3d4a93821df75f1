namespace ShortVideo.Jobs;

/// <summary>What <see cref="IJobQueue.FailAsync"/> did with a failed job.</summary>
public sealed record JobFailureOutcome
{
    /// <summary>Whether the job will run again.</summary>
    public required JobFailureResult Result { get; init; }

    /// <summary>When the job becomes runnable again; set only with <see cref="JobFailureResult.WillRetry"/>.</summary>
    public DateTimeOffset? RetryAt { get; init; }
}

/// <summary>The decision taken on a failed attempt.</summary>
public enum JobFailureResult
{
    /// <summary>The job is queued again and runs at <see cref="JobFailureOutcome.RetryAt"/>.</summary>
    WillRetry,

    /// <summary>The job used its last attempt and is now <see cref="JobStatus.Failed"/>.</summary>
    GaveUp,

    /// <summary>The lease had been lost (expired and taken over, or the job finished); nothing changed.</summary>
    LeaseLost,
}
