namespace ShortVideo.Jobs;

/// <summary>The retry schedule, shared by every queue implementation so they back off alike.</summary>
internal static class JobBackoff
{
    /// <summary>RetryBaseDelay * 2^(attempt - 1), capped at RetryMaxDelay.</summary>
    public static TimeSpan DelayAfter(int attempt, JobQueueOptions options)
    {
        // Doubling in double cannot overflow where ticks would (attempt 64 and beyond); the cap applies first.
        var ticks = options.RetryBaseDelay.Ticks * Math.Pow(2, Math.Max(attempt, 1) - 1);
        return ticks >= options.RetryMaxDelay.Ticks ? options.RetryMaxDelay : TimeSpan.FromTicks((long)ticks);
    }

    /// <summary>
    /// When a job that failed on <paramref name="attempt"/> runs again (to the stored millisecond), or null when that
    /// was its last allowed attempt and the job fails for good.
    /// </summary>
    public static DateTimeOffset? RetryAt(int attempt, JobQueueOptions options, DateTimeOffset now) =>
        attempt >= options.MaxAttempts
            ? null
            : DateTimeOffset.FromUnixTimeMilliseconds((now + DelayAfter(attempt, options)).ToUnixTimeMilliseconds());

    /// <summary>What a failure did: <paramref name="changed"/> is false when the lease had been lost.</summary>
    public static JobFailureOutcome Outcome(bool changed, DateTimeOffset? retryAt) =>
        !changed ? new JobFailureOutcome { Result = JobFailureResult.LeaseLost }
        : retryAt is null ? new JobFailureOutcome { Result = JobFailureResult.GaveUp }
        : new JobFailureOutcome { Result = JobFailureResult.WillRetry, RetryAt = retryAt };
}
