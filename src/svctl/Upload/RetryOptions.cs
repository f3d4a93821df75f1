namespace ShortVideo.Cli.Upload;

/// <summary>How hard the client tries before it gives up. Tests shrink the delays to milliseconds.</summary>
internal sealed record RetryOptions
{
    /// <summary>Consecutive failed attempts allowed for one step (a creation, a chunk); progress resets the count.</summary>
    public int MaxAttempts { get; init; } = 8;

    /// <summary>Delay before the first retry; doubles on each further retry.</summary>
    public TimeSpan BaseDelay { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Ceiling of one delay, Retry-After hints included.</summary>
    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromSeconds(30);
}
