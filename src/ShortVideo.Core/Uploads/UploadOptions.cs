namespace ShortVideo.Uploads;

/// <summary>Options of the tus upload engine (configuration section "Uploads").</summary>
public sealed class UploadOptions
{
    /// <summary>Largest upload accepted, in bytes (Tus-Max-Size). Default 4 GiB.</summary>
    public long MaxSizeBytes { get; set; } = 4L * 1024 * 1024 * 1024;

    /// <summary>How long an unfinished upload lives after its last write. Default 24 hours.</summary>
    public TimeSpan Expiration { get; set; } = TimeSpan.FromHours(24);

    /// <summary>How often the sweeper deletes expired uploads. Default 1 minute.</summary>
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Largest Upload-Metadata header accepted, in bytes. Default 4 KiB.</summary>
    public int MaxMetadataBytes { get; set; } = 4 * 1024;

    /// <summary>
    /// How long a request waits for the current writer of an upload to release it after being asked to.
    /// A dropped client is noticed within this time, so a resuming client gets in. Default 3 seconds.
    /// </summary>
    public TimeSpan LockReleaseTimeout { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>
    /// Commit the bytes received (and the hash state) every this many bytes during a long PATCH, so a
    /// crash mid-request loses at most this much. Default 8 MiB.
    /// </summary>
    public long CommitIntervalBytes { get; set; } = 8L * 1024 * 1024;
}
