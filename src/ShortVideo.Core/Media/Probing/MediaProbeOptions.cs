namespace ShortVideo.Media.Probing;

/// <summary>Options of the probe and validate stage of the media pipeline (configuration section "Media").</summary>
public sealed class MediaProbeOptions
{
    /// <summary>The configuration section these options bind to.</summary>
    public const string SectionName = "Media";

    /// <summary>Path or name (looked up on PATH) of the ffprobe executable. Default "ffprobe".</summary>
    public string FfprobePath { get; set; } = "ffprobe";

    /// <summary>
    /// How long one ffprobe run may take before it is killed. Reading headers takes milliseconds; a run
    /// that takes longer is stuck on a hostile or blocking input. Default 30 seconds.
    /// </summary>
    public TimeSpan ProbeTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Longest video accepted. Default 10 minutes.</summary>
    public TimeSpan MaxDuration { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Largest width or height accepted, in pixels, as displayed. Default 4096.</summary>
    public int MaxDimension { get; set; } = 4096;
}
