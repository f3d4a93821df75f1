namespace ShortVideo.Hosting.RateLimiting;

/// <summary>
/// One per-user write limit, a token bucket: a user may act <see cref="PermitLimit"/> times in a burst, and once more
/// every <see cref="Window"/> / <see cref="PermitLimit"/>. Each node counts on its own.
/// </summary>
internal sealed class UserRateLimitOptions
{
    /// <summary>Acts a user may do in a burst.</summary>
    public int PermitLimit { get; set; }

    /// <summary>How long an emptied burst takes to refill completely.</summary>
    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How often one more act is allowed once the burst is spent.</summary>
    public TimeSpan Period => Window / PermitLimit;
}
