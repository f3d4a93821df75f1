namespace ShortVideo.Media.Ladder;

/// <summary>Which family of encoders ffmpeg uses. Configuration names: software, nvenc.</summary>
public enum VideoEncoder
{
    /// <summary>libx264, libx265 and libsvtav1 on the CPU.</summary>
    Software,

    /// <summary>NVIDIA NVENC (h264_nvenc, hevc_nvenc); AV1 stays on libsvtav1, ffmpeg 5.1 has no av1_nvenc.</summary>
    Nvenc,
}
