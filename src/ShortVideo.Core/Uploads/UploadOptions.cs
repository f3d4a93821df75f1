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

    /// <summary>
    /// Most uploads one user may hold at once: unfinished ones, and finished partial uploads (their bytes stay until
    /// they are deleted or expire). A creation past it is refused until one finishes, is deleted or expires. Default 20.
    /// </summary>
    public int MaxUploadsInFlightPerUser { get; set; } = 20;

    /// <summary>
    /// Most bytes one user's held uploads (as counted by <see cref="MaxUploadsInFlightPerUser"/>) may reserve: the sum of
    /// their Upload-Length. An upload whose length is deferred reserves <see cref="MaxSizeBytes"/>, the most it may still
    /// grow to, until it declares its length. Default 50 GiB.
    /// </summary>
    public long MaxReservedBytesPerUser { get; set; } = 50L * 1024 * 1024 * 1024;

    /// <summary>
    /// Space always left free on the filesystem that holds uploads (filesystem storage; S3 is not checked): an upload is
    /// accepted only if its length, the bytes still expected by every unfinished upload and this much fit in the free
    /// space, and a PATCH only if its bytes and this much do. Blobs, processed media and the database grow there too.
    /// Default 1 GiB.
    /// </summary>
    public long FreeSpaceHeadroomBytes { get; set; } = 1L * 1024 * 1024 * 1024;
}
