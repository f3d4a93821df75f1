namespace ShortVideo.Media.Pipeline;

/// <summary>The media worker (configuration section <c>Media:Worker</c>).</summary>
public sealed class MediaPipelineOptions
{
    /// <summary>Configuration section.</summary>
    public const string SectionName = "Media:Worker";

    /// <summary>
    /// Transcodes run at once. One by default: a transcode already uses every core (x264 threads), and two
    /// at once on a small node only make both slower and hold twice the scratch space.
    /// </summary>
    public int Concurrency { get; set; } = 1;

    /// <summary>How long a job stays leased without a heartbeat; a worker that dies loses its jobs after this.</summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>How often an idle worker looks for jobs queued by other processes (this one's wake it at once).</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Scratch space for sources and outputs; default {DataDir}/work (same filesystem as media: publishing is a rename).</summary>
    public string? WorkDirectory { get; set; }
}
