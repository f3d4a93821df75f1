using System.Diagnostics;

namespace ShortVideo.Core.Tests.Media.Probing;

/// <summary>
/// Generates test media with the real ffmpeg from lavfi sources, into a temp directory of its own that
/// <see cref="Dispose"/> deletes. Sizes and lengths are the smallest that still show each trait, so a
/// sample takes well under a second.
/// </summary>
public sealed class MediaSamples : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("sv-probe-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    public string Empty()
    {
        var path = PathOf("empty.mp4");
        File.WriteAllBytes(path, []);
        return path;
    }

    public string TextNamedMp4()
    {
        var path = PathOf("clip.mp4");
        File.WriteAllText(path, "Shopping list: milk, eggs, bread.\nThis is not a video.\n");
        return path;
    }

    /// <summary>A 2 s MP4 cut in half. Without -movflags +faststart the moov atom is written last, so it is lost.</summary>
    public string TruncatedMp4() =>
        Cut(Ffmpeg("truncated.mp4", ["-f", "lavfi", "-i", "testsrc2=size=320x180:rate=30:duration=2", .. X264]), 0.5);

    /// <summary>
    /// A 2 s 320×180 clip with stereo audio in one of the layouts uploads come in, by file name: "plain.mp4"
    /// (index last), "faststart.mp4" (index first), "fragmented.mp4" (a moof per keyframe, once a second),
    /// "clip.mkv", "clip.webm" (VP9 and Opus) or "clip.ts"; "longer-audio.mkv" has a second more sound than
    /// picture, so its container lasts longer than its video.
    /// </summary>
    public string Layout(string name)
    {
        string[] picture = ["-f", "lavfi", "-i", "testsrc2=size=320x180:rate=30:duration=2"];
        string[] sound = ["-f", "lavfi", "-i", $"sine=frequency=440:sample_rate=48000:duration={(name == "longer-audio.mkv" ? 3 : 2)}"];
        string[] h264Aac = [.. X264, "-pix_fmt", "yuv420p", "-g", "30", "-c:a", "aac"];
        return Ffmpeg(name, name switch
        {
            "faststart.mp4" => [.. picture, .. sound, .. h264Aac, "-movflags", "+faststart"],
            "fragmented.mp4" => [.. picture, .. sound, .. h264Aac, "-movflags", "+frag_keyframe+empty_moov+default_base_moof"],
            "clip.webm" => [.. picture, .. sound, "-c:v", "libvpx-vp9", "-deadline", "realtime", "-cpu-used", "8", "-g", "30", "-c:a", "libopus"],
            _ => [.. picture, .. sound, .. h264Aac],
        });
    }

    /// <summary>The file keeps only its first <paramref name="share"/> of bytes, as when a copy or a recording stops early.</summary>
    public static string Cut(string path, double share)
    {
        using var file = new FileStream(path, FileMode.Open, FileAccess.Write);
        file.SetLength((long)(file.Length * share));
        return path;
    }

    /// <summary>
    /// The file keeps its length, but from <paramref name="share"/> of the way in every byte is random (seeded):
    /// the header and the first part are intact, as after a bad sector or a broken transfer.
    /// </summary>
    public static string Overwrite(string path, double share, int seed)
    {
        var bytes = File.ReadAllBytes(path);
        var start = (int)(bytes.Length * share);
        new Random(seed).NextBytes(bytes.AsSpan(start));
        File.WriteAllBytes(path, bytes);
        return path;
    }

    public string AudioOnly() =>
        Ffmpeg("audio.m4a", ["-f", "lavfi", "-i", "sine=frequency=440:duration=1", "-c:a", "aac"]);

    public string Video(string name, int width, int height, double rate, double seconds) =>
        Ffmpeg(name, ["-f", "lavfi", "-i", FormattableString.Invariant($"color=c=blue:size={width}x{height}:rate={rate}:duration={seconds}"), .. X264]);

    /// <summary>
    /// A clip whose display matrix asks for a turn. ffmpeg 5.1 has no -display_rotation; it turns the "rotate"
    /// tag into a display matrix only when stream-copying, and takes its value counterclockwise
    /// (av_display_rotation_set): rotate=270 writes the matrix a phone writes for an upright recording,
    /// which ffprobe reports as rotation -90.
    /// </summary>
    public string Rotated(string rotateTag)
    {
        var plain = Ffmpeg("unrotated.mp4", ["-f", "lavfi", "-i", "testsrc2=size=320x180:rate=30:duration=1", .. X264]);
        return Ffmpeg("rotated.mp4", ["-i", plain, "-c", "copy", "-metadata:s:v:0", "rotate=" + rotateTag]);
    }

    /// <summary>
    /// 30 fps for the first second, then every other frame dropped (15 fps); -fps_mode vfr keeps the gaps
    /// in the timestamps instead of duplicating frames to fill them, as a phone's encoder does.
    /// </summary>
    public string VariableFrameRate() =>
        Ffmpeg("vfr.mp4", [
            "-f", "lavfi", "-i", "testsrc2=size=320x180:rate=30:duration=2",
            "-vf", @"select='lt(t\,1)+not(mod(n\,2))'", "-fps_mode", "vfr", .. X264,
        ]);

    /// <summary>A 2 s 320×180 clip at 120 fps, faster than HLS allows: the renditions are cut to 60.</summary>
    public string HighFrameRate() =>
        Ffmpeg("fast.mp4", ["-f", "lavfi", "-i", "testsrc2=size=320x180:rate=120:duration=2", .. X264]);

    public string Normal() =>
        Ffmpeg("normal.mp4", [
            "-f", "lavfi", "-i", "testsrc2=size=640x360:rate=30:duration=2",
            "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000:duration=2",
            .. X264, "-pix_fmt", "yuv420p", "-c:a", "aac", "-ac", "2", "-shortest",
        ]);

    /// <summary>A named pipe with no writer: opening it for reading blocks forever, as a stalled input would.</summary>
    public string Fifo()
    {
        var path = PathOf("stalled.mp4");
        Run("mkfifo", [path]);
        return path;
    }

    private static readonly string[] X264 = ["-c:v", "libx264", "-preset", "ultrafast"];

    private string PathOf(string name) => Path.Combine(_directory, name);

    private string Ffmpeg(string name, string[] arguments)
    {
        var path = PathOf(name);
        Run("ffmpeg", ["-v", "error", "-nostdin", "-y", .. arguments, path]);
        return path;
    }

    private static void Run(string program, IEnumerable<string> arguments)
    {
        var startInfo = new ProcessStartInfo(program) { RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        using var process = Process.Start(startInfo)!;
        var stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} failed with exit code {process.ExitCode}: {stderr}");
        }
    }
}
