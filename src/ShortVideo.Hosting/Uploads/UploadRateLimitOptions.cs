namespace ShortVideo.Hosting.Uploads;

/// <summary>
/// The per-user rate limit on starting uploads (tus creation; configuration section "Uploads:RateLimit"). A token
/// bucket: a user may start <see cref="PermitLimit"/> uploads at once, and one more every
/// <see cref="Window"/> / <see cref="PermitLimit"/>. PATCH, HEAD and DELETE of existing uploads are not limited.
/// Each node counts on its own.
/// </summary>
internal sealed class UploadRateLimitOptions
{
    public const string SectionName = "Uploads:RateLimit";

    /// <summary>Uploads a user may start in a burst. Default 30.</summary>
    public int PermitLimit { get; set; } = 30;

    /// <summary>How long an emptied burst takes to refill completely. Default 1 minute (one upload every 2 s).</summary>
    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How often one more upload may be started once the burst is spent.</summary>
    public TimeSpan Period => Window / PermitLimit;
}
