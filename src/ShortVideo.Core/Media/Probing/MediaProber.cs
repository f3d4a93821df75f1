using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Options;

namespace ShortVideo.Media.Probing;

/// <summary>
/// Runs ffprobe on a file and describes what it holds. A file ffprobe cannot read gives an unreadable
/// <see cref="ProbeResult"/>; only a probe that cannot run to completion (missing ffprobe, timeout) throws.
/// </summary>
internal sealed class MediaProber
{
    // Headers and stream parameters only: no -show_frames or -count_frames, which decode the whole file.
    private static readonly string[] Arguments = ["-v", "error", "-print_format", "json", "-show_format", "-show_streams"];

    private readonly MediaProbeOptions _options;

    public MediaProber(IOptions<MediaProbeOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
    }

    /// <summary>Probes the file at <paramref name="path"/>.</summary>
    /// <exception cref="MediaProbeException">ffprobe could not be started or ran past the probe timeout.</exception>
    public async Task<ProbeResult> ProbeAsync(string path, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);

        // An absolute path starts with '/', so ffprobe can take it neither for an option ("-x") nor for a
        // protocol URL ("http:", "concat:"): it always opens the local file.
        var fullPath = Path.GetFullPath(path);
        var (exitCode, stdout, stderr) = await RunAsync(fullPath, cancellationToken).ConfigureAwait(false);
        if (exitCode == 0 && ProbeJson.TryParse(stdout) is { } result)
        {
            return result;
        }

        var diagnostic = FirstLine(stderr)
            ?? (exitCode == 0 ? "ffprobe printed no readable JSON." : $"ffprobe exited with code {exitCode.ToString(CultureInfo.InvariantCulture)}.");
        return await DescribeUnreadableAsync(fullPath, diagnostic, cancellationToken).ConfigureAwait(false);
    }

    private async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(string fullPath, CancellationToken cancellationToken)
    {
        var startInfo = new ProcessStartInfo(_options.FfprobePath)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            CreateNoWindow = true,
        };
        foreach (var argument in Arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        startInfo.ArgumentList.Add(fullPath);

        using var process = new Process { StartInfo = startInfo };
        try
        {
            process.Start();
        }
        catch (Win32Exception exception)
        {
            throw new MediaProbeException(
                $"ffprobe could not be started from '{_options.FfprobePath}'; install ffmpeg or set Media:FfprobePath to where ffprobe is.",
                exception);
        }

        // ffprobe reads nothing from stdin; closing it keeps it from waiting on a terminal.
        process.StandardInput.Close();

        // Both pipes are drained at once: a process that fills the stderr pipe while we wait on stdout would
        // block forever. The reads end at EOF, which also comes when the process is killed.
        var stdout = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
        var stderr = process.StandardError.ReadToEndAsync(CancellationToken.None);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.ProbeTimeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            await KillAsync(process, stdout, stderr).ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
            throw new MediaProbeException(
                $"ffprobe did not finish within the probe timeout of {_options.ProbeTimeout.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture)} s "
                + $"and was stopped; '{fullPath}' may be a pipe or a file built to stall readers.");
        }

        return (process.ExitCode, await stdout.ConfigureAwait(false), await stderr.ConfigureAwait(false));
    }

    private static async Task KillAsync(Process process, Task<string> stdout, Task<string> stderr)
    {
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // It exited between the timeout and the kill: nothing left to stop.
        }

        // Reap the process and let the readers reach EOF, so nothing outlives the call.
        await process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
        await Task.WhenAll(stdout, stderr).ConfigureAwait(false);
    }

    private static async Task<ProbeResult> DescribeUnreadableAsync(string fullPath, string diagnostic, CancellationToken cancellationToken)
    {
        var file = new FileInfo(fullPath);
        if (!file.Exists)
        {
            return new ProbeResult { Readable = false, Diagnostic = diagnostic };
        }

        string? signature;
        try
        {
            signature = await ContainerSignature.DetectAsync(fullPath, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            signature = null;
        }

        return new ProbeResult { Readable = false, Diagnostic = diagnostic, Signature = signature, SizeBytes = file.Length };
    }

    private static string? FirstLine(string text)
    {
        foreach (var line in text.AsSpan().EnumerateLines())
        {
            var trimmed = line.Trim();
            if (!trimmed.IsEmpty)
            {
                return trimmed.ToString();
            }
        }

        return null;
    }
}
