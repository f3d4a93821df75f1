namespace ShortVideo.Jobs;

/// <summary>Retry policy of the job queue (configuration section "Jobs").</summary>
public sealed class JobQueueOptions
{
    /// <summary>Configuration section bound to these options.</summary>
    public const string SectionName = "Jobs";

    /// <summary>How many attempts a job gets, counting attempts whose worker died. Default 3.</summary>
    public int MaxAttempts { get; set; } = 3;

    /// <summary>Wait before the second attempt; it doubles for each later one. Default 5 seconds.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Longest wait between attempts. Default 5 minutes.</summary>
    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromMinutes(5);
}
