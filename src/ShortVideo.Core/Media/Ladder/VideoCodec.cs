namespace ShortVideo.Media.Ladder;

/// <summary>Video codecs a ladder can be encoded in. Configuration names: h264, hevc, av1.</summary>
public enum VideoCodec
{
    /// <summary>H.264/AVC High profile: plays everywhere, so every ladder has it.</summary>
    H264,

    /// <summary>HEVC/H.265 Main profile, tagged hvc1 so Apple players accept it in fMP4.</summary>
    Hevc,

    /// <summary>AV1 Main profile, 8-bit.</summary>
    Av1,
}
