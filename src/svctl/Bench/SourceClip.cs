using System.Globalization;
using ShortVideo.Media;

namespace ShortVideo.Cli.Bench;

/// <summary>The synthetic source of <c>svctl bench transcode</c>: testsrc2 with grain and a sine tone, near-lossless H.264/AAC.</summary>
internal static class SourceClip
{
    public const string FileName = "source.mp4";

    // Temporal grain makes the clip cost what camera footage costs to decode and encode, and gives SSIM
    // something to lose. Measured at 1920x1080, 30 fps, crf 18: strength 4 gives ~21 Mbit/s (a phone
    // camera's 1080p30 H.264); 3 and below round away (~9 Mbit/s, testsrc2 alone), 6 gives ~71 Mbit/s.
    private const int GrainStrength = 4;

    /// <summary>Writes the clip of <paramref name="settings"/> into <paramref name="directory"/>; returns it as the transcoder sees it.</summary>
    public static async Task<TranscodeSource> GenerateAsync(BenchTranscodeSettings settings, string directory, Action<string> status, CancellationToken cancellationToken)
    {
        var source = new TranscodeSource(
            Path.Combine(directory, FileName), settings.Width, settings.Height, settings.Fps, HasAudio: true, TimeSpan.FromSeconds(settings.Seconds));
        status($"generating a {settings.Width}x{settings.Height} {settings.Fps} fps source of {settings.Seconds} s");
        await BenchFfmpeg.RunAsync(settings.Ffmpeg, "generating the source", Arguments(settings, source.InputPath), directory, cancellationToken);
        return source;
    }

    /// <summary>ffmpeg arguments that write the clip to <paramref name="path"/>.</summary>
    public static IReadOnlyList<string> Arguments(BenchTranscodeSettings settings, string path)
    {
        var seconds = settings.Seconds.ToString("0.###", CultureInfo.InvariantCulture);
        return
        [
            "-hide_banner", "-nostdin", "-nostats", "-loglevel", "error", "-y",
            "-f", "lavfi", "-i", string.Create(CultureInfo.InvariantCulture, $"testsrc2=size={settings.Width}x{settings.Height}:rate={settings.Fps}:duration={seconds}"),
            "-f", "lavfi", "-i", $"sine=frequency=440:sample_rate=48000:duration={seconds}",
            "-vf", string.Create(CultureInfo.InvariantCulture, $"noise=alls={GrainStrength}:allf=t"),

            // crf 18 is visually lossless: the renditions' SSIM then measures our encode, not the source's.
            "-c:v", "libx264", "-profile:v", "high", "-preset", "veryfast", "-crf", "18", "-pix_fmt", "yuv420p",
            "-c:a", "aac", "-b:a", "192k", "-shortest", path,
        ];
    }
}
