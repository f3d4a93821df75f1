namespace ShortVideo.Cli.Bench;

/// <summary>
/// The one JSON object of <c>svctl bench pipeline --json</c>: a node's upload-complete-to-ready time for a generated
/// clip against the naive ladder (one ffmpeg process per rendition at the node's settings) measured in the same run.
/// Seconds are wall clock.
/// </summary>
internal sealed record BenchPipelineReport
{
    /// <summary><see cref="PipelineSeconds"/> over the faster naive ladder: at most 1 is the target.</summary>
    public double Ratio { get; init; }

    /// <summary>Which naive ladder <see cref="Ratio"/> divides by: "parallel" or "sequential".</summary>
    public required string Baseline { get; init; }

    /// <summary>From sending the PATCH that completes the upload to <c>GET /api/v1/videos/{id}</c> answering <c>ready</c>.</summary>
    public double PipelineSeconds { get; init; }

    /// <summary>One ffmpeg process per rendition, all at once.</summary>
    public double NaiveParallelSeconds { get; init; }

    /// <summary>One ffmpeg process per rendition, one after another.</summary>
    public double NaiveSequentialSeconds { get; init; }

    /// <summary>The completing PATCH's own latency (its last 64 KiB, the blob and the video record), part of <see cref="PipelineSeconds"/>.</summary>
    public double CompletingPatchSeconds { get; init; }

    /// <summary>CPU seconds the node and its ffmpeg/ffprobe processes used over <see cref="PipelineSeconds"/> (Linux).</summary>
    public double? PipelineCpuSeconds { get; init; }

    /// <summary>CPU seconds of the parallel naive ladder's processes.</summary>
    public double? NaiveParallelCpuSeconds { get; init; }

    /// <summary>CPU seconds of the sequential naive ladder's processes.</summary>
    public double? NaiveSequentialCpuSeconds { get; init; }

    /// <summary>
    /// <see cref="PipelineCpuSeconds"/> over the smaller naive CPU figure: the work each side did, which other load on
    /// the machine moves far less than it moves wall times.
    /// </summary>
    public double? CpuRatio { get; init; }

    /// <summary>The node's own account of the measured video; absent when its log line was not found.</summary>
    public BenchPipelineStages? Stages { get; init; }

    /// <summary>How often the bench asked for the video's status while it was processed.</summary>
    public int PollIntervalMs { get; init; }

    public int Renditions { get; init; }

    public int SourceWidth { get; init; }

    public int SourceHeight { get; init; }

    public double SourceSeconds { get; init; }

    public int Fps { get; init; }

    public long SourceBytes { get; init; }

    public int Cores { get; init; }

    /// <summary>The machine's 1-minute load average when the run began (Linux): other work skews every figure.</summary>
    public double? LoadAverage { get; init; }

    /// <summary>The x264 preset of the node and the naive ladder.</summary>
    public required string Preset { get; init; }
}
