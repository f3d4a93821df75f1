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

    /// <summary>
    /// The name this worker leases jobs under, stable across its restarts so a restarted worker resumes its own
    /// unfinished jobs at once instead of waiting out their leases. Null (default): the machine's name and the first
    /// free worker slot of the data directory (<c>{DataDir}/workers/N.lock</c>, held while the worker runs); set it
    /// when workers share a queue but not a data directory, one distinct name per worker.
    /// </summary>
    public string? WorkerId { get; set; }

    /// <summary>Scratch space for sources and outputs; default {DataDir}/work (same filesystem as media: publishing is a rename).</summary>
    public string? WorkDirectory { get; set; }
}
