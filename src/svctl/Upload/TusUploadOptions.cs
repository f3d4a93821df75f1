namespace ShortVideo.Cli.Upload;

/// <summary>Settings of one <see cref="TusUploadClient"/>.</summary>
internal sealed record TusUploadOptions
{
    /// <summary>The tus creation endpoint (POST target), e.g. http://127.0.0.1:8080/api/v1/uploads.</summary>
    public required Uri Endpoint { get; init; }

    /// <summary>Bearer token; null sends no Authorization header.</summary>
    public string? Token { get; init; }

    public string? Caption { get; init; }

    /// <summary>Upload-Metadata <c>visibility</c>: <c>public</c>, <c>private</c>, or null to leave it to the server (public).</summary>
    public string? Visibility { get; init; }

    public int ChunkSize { get; init; } = (int)(5 * ByteSize.MiB);

    /// <summary>Send <c>Upload-Checksum: sha256</c> with every chunk so a damaged chunk is refused (460) and resent.</summary>
    public bool Checksums { get; init; } = true;

    /// <summary>Attempts one step (a creation, a resume check, a chunk) gets before the upload gives up; progress starts a fresh count.</summary>
    public int MaxAttempts { get; init; } = 8;

    /// <summary>Median delay before the first retry; it grows exponentially, with jitter, on further retries. Tests shrink it to milliseconds.</summary>
    public TimeSpan RetryBaseDelay { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Ceiling of one delay, Retry-After hints included.</summary>
    public TimeSpan RetryMaxDelay { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The clock the retry delays wait on.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>Source of the retry jitter, in [0, 1); null uses Polly's. Tests fix it so delays repeat.</summary>
    public Func<double>? RetryRandomizer { get; init; }

    /// <summary>Where resume state lives; null means <see cref="UploadStateStore.DefaultDirectory"/>.</summary>
    public string? StateDirectory { get; init; }

    /// <summary>
    /// A request may take this long plus the chunk at <see cref="MinBytesPerSecond"/>; a stalled connection is
    /// then dropped and retried instead of hanging forever.
    /// </summary>
    public TimeSpan RequestTimeoutBase { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The slowest link we still wait for (64 KiB/s), which bounds the timeout of a large chunk.</summary>
    public long MinBytesPerSecond { get; init; } = 64 * ByteSize.KiB;

    /// <summary>One-line messages for the user (resuming, starting over); null drops them.</summary>
    public Action<string>? Notice { get; init; }
}
