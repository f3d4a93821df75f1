namespace ShortVideo.Cli.Bench;

/// <summary>
/// What <c>svctl bench transcode</c> or <c>svctl bench pipeline</c> was asked to measure (validated by the command):
/// the generated clip both time. The defaults are the transcode bench's; the pipeline command sets its own.
/// </summary>
internal sealed record BenchTranscodeSettings
{
    public int Width { get; init; } = 1920;

    public int Height { get; init; } = 1080;

    public double Seconds { get; init; } = 10;

    public int Fps { get; init; } = 30;

    /// <summary>The ffmpeg executable, already resolved to a path.</summary>
    public required string Ffmpeg { get; init; }
}
