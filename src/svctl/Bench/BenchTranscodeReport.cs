namespace ShortVideo.Cli.Bench;

/// <summary>
/// The one JSON object of <c>svctl bench transcode --json</c>: our one-decode transcode against one ffmpeg
/// process per rendition at identical settings. Seconds are wall clock; bit rates are bits per second.
/// </summary>
internal sealed record BenchTranscodeReport
{
    /// <summary>Our wall time over the faster of the two baselines: below 1 is a win, the target is at most 0.75.</summary>
    public double WallRatio { get; init; }

    /// <summary>Which baseline <see cref="WallRatio"/> divides by: "sequential" or "parallel".</summary>
    public required string Baseline { get; init; }

    public double OneDecodeSeconds { get; init; }

    public double BaselineSequentialSeconds { get; init; }

    public double BaselineParallelSeconds { get; init; }

    /// <summary>Source duration over <see cref="OneDecodeSeconds"/>: how many times faster than real time the whole ladder is made.</summary>
    public double RealtimeFactor { get; init; }

    public int SourceWidth { get; init; }

    public int SourceHeight { get; init; }

    public double SourceSeconds { get; init; }

    public int Fps { get; init; }

    public int Cores { get; init; }

    /// <summary>The x264 preset both runs used.</summary>
    public required string Preset { get; init; }

    public required IReadOnlyList<BenchTranscodeRendition> Renditions { get; init; }
}

/// <summary>One rendition of our run: what it targeted, what its files measure, and how close it is to the source.</summary>
internal sealed record BenchTranscodeRendition
{
    public required string Name { get; init; }

    public int Width { get; init; }

    public int Height { get; init; }

    public int VideoBitrate { get; init; }

    public int MaxBitrate { get; init; }

    public int AudioBitrate { get; init; }

    /// <summary>Measured from the segment files, as AVERAGE-BANDWIDTH is defined.</summary>
    public long AverageBandwidth { get; init; }

    /// <summary>Measured from the segment files, as BANDWIDTH is defined (the highest segment bit rate).</summary>
    public long PeakBandwidth { get; init; }

    /// <summary>SSIM (all planes) of the decoded rendition against the source scaled to the same size.</summary>
    public double Ssim { get; init; }
}
