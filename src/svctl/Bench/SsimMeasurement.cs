using System.Globalization;
using ShortVideo.Media;
using ShortVideo.Media.Ladder;

namespace ShortVideo.Cli.Bench;

/// <summary>SSIM of a rendition against its source, scaled to the rendition's size with the scaler the transcoder uses.</summary>
internal static class SsimMeasurement
{
    /// <summary>
    /// ffmpeg arguments comparing <paramref name="playlist"/> with the source. The per-frame statistics go to
    /// <paramref name="statsFile"/>, a bare file name in the working directory: a path would need escaping
    /// inside the filter graph (a drive letter's colon ends a filter option).
    /// </summary>
    public static IReadOnlyList<string> Arguments(TranscodeSource source, Rendition rendition, string playlist, string statsFile)
    {
        // Both streams restart at zero so the filter pairs frame n with frame n; the reference goes through
        // the rendition's own chain (frame-rate cap, bicubic scale, 4:2:0), so only the encode differs.
        // The ladder caps the frame rate at LadderPlanner.MaxFrameRate; the reference is capped the same way.
        var frameRateCap = source.FrameRate > LadderPlanner.MaxFrameRate
            ? string.Create(CultureInfo.InvariantCulture, $"fps={LadderPlanner.MaxFrameRate},")
            : string.Empty;
        var graph = string.Create(
            CultureInfo.InvariantCulture,
            $"[0:v]setpts=PTS-STARTPTS[dist];[1:v]{frameRateCap}scale={rendition.Width}:{rendition.Height}:flags=bicubic,setsar=1,format=yuv420p,setpts=PTS-STARTPTS[ref];[dist][ref]ssim=stats_file={statsFile}");
        return ["-hide_banner", "-nostdin", "-nostats", "-loglevel", "error", "-i", playlist, "-i", source.InputPath, "-lavfi", graph, "-an", "-f", "null", "-"];
    }

    /// <summary>
    /// The mean of the per-frame "All:" values, which is the overall figure ffmpeg prints; null when the
    /// file has no frame.
    /// </summary>
    public static double? Parse(string stats)
    {
        var sum = 0.0;
        var frames = 0;
        foreach (var line in stats.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            // "n:1 Y:0.993 U:0.991 V:0.990 All:0.992 (21.1)"
            var start = line.IndexOf("All:", StringComparison.Ordinal);
            if (start < 0)
            {
                continue;
            }

            var value = line.AsSpan(start + 4);
            var end = value.IndexOf(' ');
            if (double.TryParse(end < 0 ? value : value[..end], NumberStyles.Float, CultureInfo.InvariantCulture, out var ssim))
            {
                sum += ssim;
                frames++;
            }
        }

        return frames == 0 ? null : sum / frames;
    }
}
