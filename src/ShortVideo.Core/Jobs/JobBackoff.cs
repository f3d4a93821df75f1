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
}
