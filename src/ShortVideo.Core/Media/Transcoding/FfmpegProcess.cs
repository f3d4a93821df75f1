using System.ComponentModel;
using System.Diagnostics;

namespace ShortVideo.Media.Transcoding;

/// <summary>Runs ffmpeg with an argument list (never a shell string), a time limit and the tail of its stderr.</summary>
internal static class FfmpegProcess
{
    // Enough of stderr to show the error and the line or two of context ffmpeg prints before it.
    private const int TailLines = 20;

    /// <summary>Runs to completion; throws <see cref="TranscodeException"/> on a non-zero exit or the time limit.</summary>
    public static async Task RunAsync(string executable, IReadOnlyList<string> arguments, TimeSpan timeout, CancellationToken cancellationToken)
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
        process.OutputDataReceived += static (_, _) => { };
        try
        {
            process.Start();
        }
        catch (Win32Exception e)
        {
            throw new TranscodeException($"ffmpeg could not be started from '{executable}': {e.Message}", e);
        }

        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(timeout);
        try
        {
            await process.WaitForExitAsync(limit.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
            throw new TranscodeException($"ffmpeg ran longer than {timeout} and was killed.{Tail(tail)}");
        }

        if (process.ExitCode != 0)
        {
            throw new TranscodeException($"ffmpeg exited with code {process.ExitCode}.{Tail(tail)}");
        }
    }

    private static string Tail(Queue<string> tail)
    {
        lock (tail)
        {
            return tail.Count == 0 ? string.Empty : Environment.NewLine + string.Join(Environment.NewLine, tail);
        }
    }
}
