namespace ShortVideo.Media.Ladder;

/// <summary>Options of the encoding ladder (configuration section "Media:Ladder").</summary>
/// <remarks>
/// The two lists start empty and an empty list means the default: the configuration binder appends bound
/// items to a list that already holds defaults, so "ShortSides: [720]" would otherwise give five rungs.
/// </remarks>
public sealed class LadderOptions
{
    /// <summary>The configuration section these options bind from.</summary>
    public const string SectionName = "Media:Ladder";

    /// <summary>The codecs used when <see cref="Codecs"/> is empty: H.264 only.</summary>
    public static IReadOnlyList<VideoCodec> DefaultCodecs { get; } = [VideoCodec.H264];

    /// <summary>The short sides used when <see cref="ShortSides"/> is empty: 1080, 720, 480, 360.</summary>
    public static IReadOnlyList<int> DefaultShortSides { get; } = [1080, 720, 480, 360];

    /// <summary>Codecs to encode every rung in (h264, hevc, av1). Empty: <see cref="DefaultCodecs"/>.</summary>
    public IList<VideoCodec> Codecs { get; } = [];

    /// <summary>
    /// Short sides of the rungs, in pixels (the height of a landscape video, the width of a vertical one).
    /// Empty: <see cref="DefaultShortSides"/>.
    /// </summary>
    public IList<int> ShortSides { get; } = [];

    /// <summary>
    /// Time between keyframes, the same in every rendition so players can switch at any of them.
    /// Default 2 seconds, as the Apple HLS Authoring Specification recommends (video 1.9: IDRs every two seconds).
    /// </summary>
    public TimeSpan KeyframeInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Target segment duration. Default 6 seconds, the Apple HLS Authoring Specification's target
    /// (media segmentation: target duration SHOULD be 6 seconds).
    /// </summary>
    public TimeSpan SegmentDuration { get; set; } = TimeSpan.FromSeconds(6);

    /// <summary>AAC-LC stereo bit rate of every rendition, in bits per second. Default 128000.</summary>
    public int AudioBitrate { get; set; } = 128_000;

    /// <summary>Software encoders (default) or NVIDIA NVENC.</summary>
    public VideoEncoder Encoder { get; set; } = VideoEncoder.Software;

    /// <summary>x264/x265 preset. Default "veryfast": short videos are encoded once per upload, on the upload's critical path.</summary>
    public string Preset { get; set; } = "veryfast";

    internal IReadOnlyList<VideoCodec> EffectiveCodecs => Codecs.Count == 0 ? DefaultCodecs : [.. Codecs];

    internal IReadOnlyList<int> EffectiveShortSides => ShortSides.Count == 0 ? DefaultShortSides : [.. ShortSides];
}
