using ShortVideo.Cli.Doctor.Checks;

namespace ShortVideo.Cli.Bench;

/// <summary>The unmeasured ffmpeg runs of <c>svctl bench transcode</c>: making the source, the warm-up, SSIM.</summary>
internal static class BenchFfmpeg
{
    /// <summary>
    /// The limit of every ffmpeg run of the bench, timed ones included. The largest clip the command accepts
    /// (600 s of 4096x4096 at 120 fps) is hours of work on two cores; a hung process still ends.
    /// </summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromHours(3);

    /// <summary>A path as given, or a name looked up on PATH; null when there is no such executable.</summary>
    public static string? Resolve(string ffmpeg)
    {
        if (ffmpeg.Contains(Path.DirectorySeparatorChar, StringComparison.Ordinal) || ffmpeg.Contains(Path.AltDirectorySeparatorChar, StringComparison.Ordinal))
        {
            return File.Exists(ffmpeg) ? Path.GetFullPath(ffmpeg) : null;
        }

        return ExecutableCheck.FindOnPath(ffmpeg, Environment.GetEnvironmentVariable("PATH") ?? string.Empty);
    }

    /// <summary>Runs ffmpeg to completion; a failure is a <see cref="BenchException"/> naming <paramref name="what"/>.</summary>
    public static async Task RunAsync(string ffmpeg, string what, IReadOnlyList<string> arguments, string workingDirectory, CancellationToken cancellationToken)
    {
        // Disposed on every path, Ctrl+C included: the child is killed with its tree.
        await using var child = ChildProcess.Start("ffmpeg", ffmpeg, arguments, workingDirectory);
        var exitCode = await child.WaitForExitAsync(Timeout, cancellationToken);
        if (exitCode != 0)
        {
            throw new BenchException($"ffmpeg failed {what} with exit code {exitCode}{child.Tail()}");
        }
    }
}
