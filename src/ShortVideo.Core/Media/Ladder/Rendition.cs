namespace ShortVideo.Media.Ladder;

/// <summary>One rung of an encoding ladder: what one HLS variant stream is encoded as.</summary>
/// <param name="Name">Folder and display name: the short side plus "p", and the codec for non-H.264 ("720p", "720p-hevc").</param>
/// <param name="Codec">The video codec.</param>
/// <param name="Width">Width in pixels (even).</param>
/// <param name="Height">Height in pixels (even).</param>
/// <param name="FrameRate">Frame rate in frames per second: the source's, at most 60.</param>
/// <param name="VideoBitrate">Target average video bit rate, in bits per second.</param>
/// <param name="MaxBitrate">Rate-control peak (VBV maximum rate), in bits per second.</param>
/// <param name="BufferSize">Rate-control buffer (VBV size), in bits.</param>
/// <param name="AudioBitrate">AAC bit rate in bits per second; 0 for a video-only rendition.</param>
/// <param name="Level">The codec level the rendition is encoded at ("3.1").</param>
/// <param name="Codecs">The HLS CODECS attribute value (RFC 6381), e.g. "avc1.64001f,mp4a.40.2".</param>
public sealed record Rendition(
    string Name,
    VideoCodec Codec,
    int Width,
    int Height,
    double FrameRate,
    int VideoBitrate,
    int MaxBitrate,
    int BufferSize,
    int AudioBitrate,
    string Level,
    string Codecs)
{
    /// <summary>Whether the rendition carries an audio track.</summary>
    public bool HasAudio => AudioBitrate > 0;
}
