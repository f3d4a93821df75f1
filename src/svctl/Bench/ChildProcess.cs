using System.ComponentModel;
using System.Diagnostics;

namespace ShortVideo.Cli.Bench;

/// <summary>
/// A process the bench starts (our node, the tus peer, <c>svctl token</c>): argument list (never a shell
/// string), output captured, and killed with its tree on dispose so Ctrl+C leaves nothing running.
/// </summary>
internal sealed class ChildProcess : IAsyncDisposable
{
    // Enough of a child's last words to say why it failed, short enough for one error line.
    private const int TailLines = 12;

    private readonly Process _process;
    private readonly Queue<string> _tail = new();
    private readonly List<string> _stdout = [];
    private readonly string _name;
    private TaskCompletionSource? _lineSeen;
    private string? _lineWanted;

    private ChildProcess(Process process, string name)
    {
        _process = process;
        _name = name;
    }

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    /// <summary>The operating system's id of the child.</summary>
    public int Id => _process.Id;

    /// <summary>Starts <paramref name="fileName"/>; a missing executable becomes a <see cref="BenchException"/>.</summary>
    public static ChildProcess Start(
        string name, string fileName, IReadOnlyList<string> arguments, string? workingDirectory = null, IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo(fileName)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (workingDirectory is not null)
        {
            start.WorkingDirectory = workingDirectory;
        }

        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        var child = new ChildProcess(process, name);
        process.OutputDataReceived += (_, e) => child.OnLine(e.Data, stdout: true);
        process.ErrorDataReceived += (_, e) => child.OnLine(e.Data, stdout: false);
        process.Exited += (_, _) => child.OnExited();
        try
        {
            process.Start();
        }
        catch (Win32Exception ex)
        {
            process.Dispose();
            throw new BenchException($"cannot start {name} ({fileName}): {ex.Message}", ex);
        }

        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return child;
    }

    /// <summary>Waits for a stdout line containing <paramref name="text"/>; fails with the child's output tail.</summary>
    public async Task WaitForLineAsync(string text, TimeSpan timeout, CancellationToken cancellationToken)
    {
        Task seen;
        lock (_tail)
        {
            if (_stdout.Exists(line => line.Contains(text, StringComparison.Ordinal)))
            {
                return;
            }

            _lineWanted = text;
            _lineSeen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            seen = _lineSeen.Task;
        }

        if (_process.HasExited)
        {
            OnExited();
        }

        try
        {
            await seen.WaitAsync(timeout, cancellationToken);
        }
        catch (TimeoutException)
        {
            throw new BenchException($"{_name} did not print '{text}' within {timeout.TotalSeconds:0} s{Tail()}");
        }
    }

    /// <summary>Waits for the child to exit; returns its exit code.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        try
        {
            await _process.WaitForExitAsync(cancellationToken).WaitAsync(timeout, cancellationToken);
        }
        catch (TimeoutException)
        {
            throw new BenchException($"{_name} did not finish within {timeout.TotalSeconds:0} s{Tail()}");
        }

        return _process.ExitCode;
    }

    /// <summary>The stdout lines so far, in order.</summary>
    public IReadOnlyList<string> StdoutLines()
    {
        lock (_tail)
        {
            return [.. _stdout];
        }
    }

    /// <summary>"; last output: a | b | c" from both streams, or empty when the child said nothing.</summary>
    public string Tail()
    {
        lock (_tail)
        {
            return _tail.Count == 0 ? string.Empty : "; last output: " + string.Join(" | ", _tail);
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
            }
        }
        catch (Exception ex) when (ex is InvalidOperationException or Win32Exception or TimeoutException)
        {
            // Gone already, or beyond our reach: the bench is ending either way.
        }

        _process.Dispose();
    }

    private void OnLine(string? line, bool stdout)
    {
        if (line is null)
        {
            return;
        }

        lock (_tail)
        {
            if (!string.IsNullOrWhiteSpace(line))
            {
                _tail.Enqueue(line.Trim());
                if (_tail.Count > TailLines)
                {
                    _tail.Dequeue();
                }
            }

            if (!stdout)
            {
                return;
            }

            // Only the first lines matter (readiness, a token); a chatty node must not grow this forever.
            if (_stdout.Count < 1000)
            {
                _stdout.Add(line);
            }

            if (_lineWanted is not null && line.Contains(_lineWanted, StringComparison.Ordinal))
            {
                _lineSeen?.TrySetResult();
            }
        }
    }

    private void OnExited()
    {
        TaskCompletionSource? waiting;
        lock (_tail)
        {
            waiting = _lineSeen;
        }

        // Let the output readers drain before quoting the tail.
        _process.WaitForExit();
        waiting?.TrySetException(new BenchException($"{_name} exited with code {_process.ExitCode}{Tail()}"));
    }
}
