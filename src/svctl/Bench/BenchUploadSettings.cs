namespace ShortVideo.Cli.Bench;

/// <summary>What <c>svctl bench upload</c> was asked to measure (validated by the command).</summary>
internal sealed record BenchUploadSettings
{
    public int Parallel { get; init; } = 1;

    public int SizeMiB { get; init; } = 64;

    public int ChunkSize { get; init; } = 8 * 1024 * 1024;

    public bool Checksums { get; init; }

    /// <summary>Also run the workload against the tus-node peer and report the ratio.</summary>
    public bool Peer { get; init; }

    /// <summary>
    /// An already running tus endpoint to measure instead of starting our node (hidden option): lets the
    /// bench run before the node exists, and against any server.
    /// </summary>
    public Uri? Server { get; init; }

    public string? Token { get; init; }
}
