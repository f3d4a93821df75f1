using ShortVideo.Media.Hls;
using ShortVideo.Media.Ladder;

namespace ShortVideo.Media.Transcoding;

/// <summary>One encoded rendition and what was measured from its files.</summary>
/// <param name="Rendition">What it was encoded as.</param>
/// <param name="PlaylistPath">Its media playlist.</param>
/// <param name="Measured">Bit rates and segments measured from the playlist and segment files.</param>
public sealed record RenditionOutput(Rendition Rendition, string PlaylistPath, BandwidthMeasurement Measured);

/// <summary>The outcome of one transcode.</summary>
/// <param name="MasterPlaylistPath">The master playlist written over the renditions.</param>
/// <param name="PosterPath">The poster JPEG; null when every frame was black.</param>
/// <param name="StoryboardPath">The storyboard's WebVTT index (its sprite beside it); null when none was made.</param>
/// <param name="Renditions">Every rendition, in ladder order.</param>
/// <param name="WallTime">Time the ffmpeg process ran.</param>
/// <param name="Errors">
/// What ffmpeg logged although it finished: nothing from a clean run. A demuxer that meets damage it takes for the
/// end of the file logs it and ends the input as if it were complete (Matroska: "File ended prematurely"), which
/// -xerror does not stop.
/// </param>
public sealed record TranscodeResult(
    string MasterPlaylistPath,
    string? PosterPath,
    string? StoryboardPath,
    IReadOnlyList<RenditionOutput> Renditions,
    TimeSpan WallTime,
    IReadOnlyList<string> Errors);
