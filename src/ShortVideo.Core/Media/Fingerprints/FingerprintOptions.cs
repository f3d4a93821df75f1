namespace ShortVideo.Media.Fingerprints;

/// <summary>Near-duplicate detection in the media pipeline (configuration section <c>Media:Fingerprints</c>).</summary>
public sealed class FingerprintOptions
{
    /// <summary>Configuration section.</summary>
    public const string SectionName = "Media:Fingerprints";

    /// <summary>Fingerprint each video and look for near-duplicates. Default true.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// Most frames sampled from the start of a video (at 2 a second). Default 600, i.e. the first 5 minutes:
    /// a copy is recognised from its opening minutes, and the fingerprint stays under 5 KB.
    /// </summary>
    public int MaxFrames { get; set; } = 600;

    /// <summary>
    /// Longest an ffmpeg process that fingerprints a file on its own may run. Default 5 minutes: it decodes at many
    /// times real time and keeps 2 tiny frames a second, so a longer run is a hung process. The media pipeline takes
    /// the frames from its transcode's decode instead, under Media:Transcoding:Timeout.
    /// </summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromMinutes(5);
}
