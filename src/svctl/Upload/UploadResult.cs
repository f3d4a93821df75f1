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

    /// <summary>
    /// True when the node already stored identical bytes (no second copy); read back from the video after the upload.
    /// Null where there is no video to read (a generic tus server) or it could not be read.
    /// </summary>
    public bool? Deduplicated { get; init; }

    /// <summary>public or private, as the node recorded it; null as for <see cref="Deduplicated"/>.</summary>
    public string? Visibility { get; init; }

    /// <summary>The video's status when svctl last looked: right after the upload, or where <c>--wait</c> ended.</summary>
    public string? Status { get; init; }

    /// <summary>The HLS master playlist once the video is ready (<c>--wait</c>).</summary>
    public string? Hls { get; init; }

    /// <summary>Why processing failed, as the node says it.</summary>
    public string? Error { get; init; }

    /// <summary>Where this run started (the server's offset when resuming).</summary>
    [JsonIgnore]
    public long ResumedFromOffset { get; init; }
}
