using System.ComponentModel;
using System.Diagnostics;

namespace ShortVideo.Media.Transcoding;

/// <summary>Runs ffmpeg with an argument list (never a shell string), a time limit and the tail of its stderr.</summary>
internal static class FfmpegProcess
{
    // Enough of stderr to show the error and the line or two of context ffmpeg prints before it.
    private const int TailLines = 20;

    /// <summary>
    /// Runs to completion; returns the last lines ffmpeg wrote to stderr (none from a clean run at
    /// <c>-loglevel error</c>); throws <see cref="TranscodeException"/> on a non-zero exit or the time limit.
    /// </summary>
    public static Task<IReadOnlyList<string>> RunAsync(string executable, IReadOnlyList<string> arguments, TimeSpan timeout, CancellationToken cancellationToken) =>
        RunAsync(executable, arguments, timeout, readOutput: null, cancellationToken);

    /// <summary>
    /// Runs to completion while <paramref name="readOutput"/> consumes stdout (ffmpeg writing to "-"); returns the
    /// last lines of stderr; throws <see cref="TranscodeException"/> on a non-zero exit or the time limit.
    /// </summary>
    public static async Task<IReadOnlyList<string>> RunAsync(
        string executable,
        IReadOnlyList<string> arguments,
        TimeSpan timeout,
        Func<Stream, CancellationToken, Task>? readOutput,
        CancellationToken cancellationToken)
    {
        var (exitCode, stderr) = await RunToExitAsync(executable, arguments, timeout, readOutput, cancellationToken).ConfigureAwait(false);
        return exitCode == 0 ? stderr : throw new TranscodeException($"ffmpeg exited with code {exitCode}.{Tail(stderr)}");
    }

    /// <summary>
    /// Runs to completion whatever its exit code; returns the code and the last lines of stderr. Throws
    /// <see cref="TranscodeException"/> only when ffmpeg cannot be started or runs past the time limit.
    /// </summary>
    public static async Task<(int ExitCode, IReadOnlyList<string> Stderr)> RunToExitAsync(
        string executable,
        IReadOnlyList<string> arguments,
        TimeSpan timeout,
        Func<Stream, CancellationToken, Task>? readOutput,
        CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(executable)
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = new Process { StartInfo = start };
        var tail = new Queue<string>(TailLines);
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                return;
            }

            lock (tail)
            {
                if (tail.Count == TailLines)
                {
                    tail.Dequeue();
                }

                tail.Enqueue(e.Data);
            }
        };
        if (readOutput is null)
        {
            process.OutputDataReceived += static (_, _) => { };
        }

        try
        {
            process.Start();
        }
        catch (Win32Exception e)
        {
            throw new TranscodeException($"ffmpeg could not be started from '{executable}': {e.Message}", e);
        }

        process.BeginErrorReadLine();
        if (readOutput is null)
        {
            process.BeginOutputReadLine();
        }

        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(timeout);

        // A blocked pipe read does not wake on cancellation; killing the process ends it with end-of-stream.
        using var killOnCancel = limit.Token.Register(static state => TryKill((Process)state!), process);
        try
        {
            if (readOutput is not null)
            {
                try
                {
                    await readOutput(process.StandardOutput.BaseStream, limit.Token).ConfigureAwait(false);
                }
                catch (Exception) when (!limit.IsCancellationRequested)
                {
                    TryKill(process);
                    throw;
                }
            }

            await process.WaitForExitAsync(limit.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            TryKill(process);
            await process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
            throw new TranscodeException($"ffmpeg ran longer than {timeout} and was killed.{Tail(Lines(tail))}");
        }

        return (process.ExitCode, Lines(tail));
    }

    private static void TryKill(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already exited.
        }
    }

    private static string[] Lines(Queue<string> tail)
    {
        lock (tail)
        {
            return [.. tail];
        }
    }

    private static string Tail(IReadOnlyList<string> lines) =>
        lines.Count == 0 ? string.Empty : Environment.NewLine + string.Join(Environment.NewLine, lines);
}
