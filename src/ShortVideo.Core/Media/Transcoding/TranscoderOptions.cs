namespace ShortVideo.Media.Transcoding;

/// <summary>Options of the HLS transcoder's ffmpeg process (configuration section "Media:Transcoding").</summary>
public sealed class TranscoderOptions
{
    /// <summary>The configuration section these options bind from.</summary>
    public const string SectionName = "Media:Transcoding";

    /// <summary>The ffmpeg executable: a path, or a name looked up on PATH. Default "ffmpeg".</summary>
    public string FfmpegPath { get; set; } = "ffmpeg";

    /// <summary>
    /// Longest a transcode may run before its process is killed. Default 30 minutes: a short video
    /// transcodes in seconds to minutes, so a longer run is a hung process, not slow work.
    /// </summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromMinutes(30);
}
