namespace ShortVideo.Media;

/// <summary>
/// What the transcoder needs to know about an input. Width and height are the display size, after the
/// container's rotation is applied: ffmpeg auto-rotates on decode by default (no <c>-noautorotate</c>),
/// so the frames reaching the filters are already upright and the ladder is planned in that orientation.
/// </summary>
/// <param name="InputPath">Path of the source file.</param>
/// <param name="DisplayWidth">Width as displayed, after rotation, in pixels.</param>
/// <param name="DisplayHeight">Height as displayed, after rotation, in pixels.</param>
/// <param name="FrameRate">Average frame rate of the video stream, in frames per second.</param>
/// <param name="HasAudio">Whether the source has an audio stream; without one the renditions are video-only.</param>
/// <param name="Duration">Duration of the source.</param>
public sealed record TranscodeSource(
    string InputPath,
    int DisplayWidth,
    int DisplayHeight,
    double FrameRate,
    bool HasAudio,
    TimeSpan Duration);
