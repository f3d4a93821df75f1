namespace ShortVideo.Cli.Bench;

/// <summary>The one JSON object of <c>svctl bench upload --json</c>. MB are 10^6 bytes; absent figures are omitted.</summary>
internal sealed record BenchUploadReport
{
    /// <summary>What was measured: "svctl node", or the URL given with --server.</summary>
    public required string Target { get; init; }

    public double ThroughputMBps { get; init; }

    public double PatchP50Ms { get; init; }

    public double PatchP99Ms { get; init; }

    public int Uploads { get; init; }

    public int Parallel { get; init; }

    public int SizeMiB { get; init; }

    public int ChunkSizeBytes { get; init; }

    public bool Checksums { get; init; }

    public int Patches { get; init; }

    public double WallSeconds { get; init; }

    public double DiskWriteMBps { get; init; }

    /// <summary>Single-upload throughput ÷ disk write speed; only with --parallel 1.</summary>
    public double? RatioToDisk { get; init; }

    public double? PeerThroughputMBps { get; init; }

    public double? PeerPatchP50Ms { get; init; }

    public double? PeerPatchP99Ms { get; init; }

    /// <summary>Our throughput ÷ the peer's.</summary>
    public double? RatioToPeer { get; init; }

    /// <summary>Uploads whose recorded SHA-256 was checked against the bytes sent (our node only).</summary>
    public int? HashesVerified { get; init; }
}
