using System.Diagnostics;

namespace ShortVideo.Testing;

/// <summary>
/// Media for tests, generated with ffmpeg's lavfi sources into the caller's directory (never committed).
/// Small and short so the media pipeline runs in seconds on a 2-core machine.
/// </summary>
public static class TestClips
{
    /// <summary>A clip of <paramref name="seconds"/> s at <paramref name="width"/>x<paramref name="height"/>, 30 fps, with stereo AAC unless <paramref name="audio"/> is false.</summary>
    public static async Task<string> VideoAsync(string directory, string name, int width = 640, int height = 360, double seconds = 3, bool audio = true)
    {
        var path = Path.Combine(directory, name);
        List<string> arguments = ["-f", "lavfi", "-i", $"testsrc2=size={width}x{height}:rate=30:duration={seconds.ToString(System.Globalization.CultureInfo.InvariantCulture)}"];
        if (audio)
        {
            arguments.AddRange(["-f", "lavfi", "-i", $"sine=frequency=440:sample_rate=48000:duration={seconds.ToString(System.Globalization.CultureInfo.InvariantCulture)}", "-ac", "2", "-c:a", "aac", "-b:a", "96k"]);
        }

        arguments.AddRange(["-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", "-movflags", "+faststart", path]);
        await FfmpegAsync(arguments);
        return path;
    }

    /// <summary>Runs ffmpeg with the arguments (as a list, never a shell string); throws with its stderr on failure.</summary>
    public static async Task FfmpegAsync(IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo("ffmpeg") { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var argument in (string[])["-hide_banner", "-nostdin", "-loglevel", "error", "-y", .. arguments])
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("ffmpeg did not start.");
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"ffmpeg failed ({process.ExitCode}): {await stderr}");
        }

        await stdout;
    }
}
