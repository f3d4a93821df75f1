using System.Text.Json.Serialization;

namespace ShortVideo.Cli.Upload;

/// <summary>A finished upload; serialized as the one JSON object of <c>svctl upload --json</c>.</summary>
internal sealed record UploadResult
{
    /// <summary>From the completing response's Video-Id header; null on a generic tus server that sends none.</summary>
    public string? VideoId { get; init; }

    public required string UploadUrl { get; init; }

    public long SizeBytes { get; init; }

    /// <summary>Hex SHA-256 of the whole file, computed while uploading.</summary>
    public required string Sha256 { get; init; }

    public bool Resumed { get; init; }

    public double Seconds { get; init; }

    /// <summary>Bytes sent by this run ÷ seconds, in MB/s (10^6 bytes).</summary>
    public double ThroughputMBps { get; init; }

    /// <summary>Where this run started (the server's offset when resuming).</summary>
    [JsonIgnore]
    public long ResumedFromOffset { get; init; }
}
