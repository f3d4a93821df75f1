using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace ShortVideo.Cli.Doctor.Checks;

/// <summary>
/// A tool the media pipeline runs (ffmpeg, ffprobe): found on PATH, and it answers "-version" in time.
/// </summary>
internal sealed partial class ExecutableCheck(string tool, string? searchPath = null, TimeSpan? timeout = null) : IDoctorCheck
{
    // ffmpeg -version prints its version within milliseconds; 10 s leaves room for a cold disk.
    private readonly TimeSpan _timeout = timeout ?? TimeSpan.FromSeconds(10);

    public string Name => tool;

    public async Task<CheckResult> RunAsync(CancellationToken cancellationToken)
    {
        var path = FindOnPath(tool, searchPath ?? Environment.GetEnvironmentVariable("PATH") ?? string.Empty);
        if (path is null)
        {
            // Debian ships ffprobe in the ffmpeg package.
            return CheckResult.Fail(Name, $"{tool} not found on PATH: install it with apt-get install ffmpeg.");
        }

        var facts = new JsonObject { ["path"] = path };
        var start = new ProcessStartInfo(path)
        {
            ArgumentList = { "-version" },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        using var process = Process.Start(start)!;
        process.StandardInput.Close();
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(_timeout);
        string output, errors;
        try
        {
            var outputTask = process.StandardOutput.ReadToEndAsync(deadline.Token);
            var errorTask = process.StandardError.ReadToEndAsync(deadline.Token);
            await process.WaitForExitAsync(deadline.Token);
            output = await outputTask;
            errors = await errorTask;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            process.Kill(entireProcessTree: true);
            return CheckResult.Fail(Name, string.Create(CultureInfo.InvariantCulture, $"{path} -version did not finish within {_timeout.TotalSeconds:0.#} s."), facts);
        }

        if (process.ExitCode != 0)
        {
            return CheckResult.Fail(Name, string.Create(CultureInfo.InvariantCulture, $"{path} -version exited with code {process.ExitCode}: {FirstLine(errors)}"), facts);
        }

        var firstLine = FirstLine(output);
        var match = VersionLine().Match(firstLine);
        if (!match.Success)
        {
            return CheckResult.Warn(Name, $"{path} -version printed an unexpected first line: '{firstLine}'.", facts);
        }

        facts["version"] = match.Groups["version"].Value;
        return CheckResult.Ok(Name, $"{tool} {match.Groups["version"].Value} ({path}).", facts);
    }

    /// <summary>The first executable file named <paramref name="name"/> in the directories of <paramref name="path"/>.</summary>
    internal static string? FindOnPath(string name, string path)
    {
        foreach (var directory in path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var candidate = Path.Combine(directory, name);
            if (File.Exists(candidate) && IsExecutable(candidate))
            {
                return Path.GetFullPath(candidate);
            }
        }

        return null;
    }

    private static bool IsExecutable(string file) =>
        OperatingSystem.IsWindows()
        || (File.GetUnixFileMode(file) & (UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute)) != 0;

    private static string FirstLine(string text) => text.AsSpan().Trim() is var trimmed && trimmed.IndexOfAny('\r', '\n') is var end and >= 0
        ? trimmed[..end].ToString()
        : trimmed.ToString();

    // "ffmpeg version 5.1.9-0+deb12u1 Copyright (c) 2000-2026 the FFmpeg developers"
    [GeneratedRegex(@"^\S+ version (?<version>\S+)", RegexOptions.CultureInvariant)]
    private static partial Regex VersionLine();
}
