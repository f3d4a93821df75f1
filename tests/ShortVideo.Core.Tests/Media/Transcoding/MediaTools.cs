using System.Diagnostics;

namespace ShortVideo.Core.Tests.Media.Transcoding;

/// <summary>Runs the real ffmpeg and ffprobe for tests: making sources with lavfi and inspecting outputs.</summary>
internal static class MediaTools
{
    public static (int ExitCode, string Output, string Error) Run(string tool, params string[] arguments)
    {
        var start = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output, error.Result);
    }

    /// <summary>A short synthetic clip: testsrc2 video, optionally a 440 Hz sine, H.264/AAC in MP4.</summary>
    public static string MakeClip(string directory, int width, int height, double seconds, bool audio)
    {
        var path = Path.Combine(directory, $"source-{width}x{height}.mp4");
        var duration = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var args = new List<string> { "-v", "error", "-y", "-f", "lavfi", "-i", $"testsrc2=size={width}x{height}:rate=30:duration={duration}" };
        if (audio)
        {
            args.AddRange(["-f", "lavfi", "-i", $"sine=frequency=440:sample_rate=48000:duration={duration}", "-c:a", "aac"]);
        }

        args.AddRange(["-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", path]);
        var result = Run("ffmpeg", [.. args]);
        Assert.True(result.ExitCode == 0, result.Error);
        return path;
    }

    /// <summary>Presentation times of the keyframes of a playlist's video, as ffprobe lists them.</summary>
    public static IReadOnlyList<string> KeyframeTimes(string playlist)
    {
        var result = Run("ffprobe", "-v", "error", "-select_streams", "v:0", "-skip_frame", "nokey",
            "-show_entries", "frame=pts_time", "-of", "csv=p=0", playlist);
        Assert.True(result.ExitCode == 0, result.Error);
        return result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(line => line.TrimEnd(','))
            .ToList();
    }

    /// <summary>Distinct stream types (video, audio) of a playlist; ffprobe lists HLS streams once per program too.</summary>
    public static string StreamTypes(string playlist)
    {
        var result = Run("ffprobe", "-v", "error", "-show_entries", "stream=codec_type", "-of", "csv=p=0", playlist);
        Assert.True(result.ExitCode == 0, result.Error);
        return string.Join(',', result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct());
    }
}
