namespace ShortVideo.Media.Probing;

/// <summary>An audio stream as ffprobe describes it.</summary>
internal sealed record AudioStreamInfo
{
    /// <summary>ffprobe's codec name, e.g. "aac", "opus".</summary>
    public string? Codec { get; init; }

    /// <summary>Number of channels (2 for stereo), 0 when unknown.</summary>
    public int Channels { get; init; }

    /// <summary>Samples per second, e.g. 48000, 0 when unknown.</summary>
    public int SampleRate { get; init; }

    /// <summary>Bit rate of the stream in bits per second, when known.</summary>
    public long? BitRate { get; init; }
}
