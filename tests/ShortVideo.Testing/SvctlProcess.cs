using System.Diagnostics;
using System.Text;

namespace ShortVideo.Testing;

/// <summary>Runs the real svctl binary (built next to the test assembly) as a child process.</summary>
public static class SvctlProcess
{
    public static string DllPath
    {
        get
        {
            var path = Path.Combine(AppContext.BaseDirectory, "svctl.dll");
            return File.Exists(path) ? path : throw new FileNotFoundException("svctl.dll is not next to the test assembly; the test project must reference src/svctl.", path);
        }
    }

    public static ProcessStartInfo StartInfo(IEnumerable<string> arguments, IReadOnlyDictionary<string, string?>? environment = null)
    {
        // A test run started in the background by a non-interactive shell inherits SIGINT as ignored, and so
        // would the node: Ctrl+C tests would wait for a signal that never arrives. coreutils' env restores it.
        var resetSignals = OperatingSystem.IsLinux() && File.Exists("/usr/bin/env");
        var info = new ProcessStartInfo(resetSignals ? "/usr/bin/env" : "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        if (resetSignals)
        {
            info.ArgumentList.Add("--default-signal=INT");
            info.ArgumentList.Add("dotnet");
        }

        info.ArgumentList.Add(DllPath);
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        // A test run must not pick up the developer's own token or state.
        info.Environment.Remove("SV_TOKEN");
        if (environment is not null)
        {
            foreach (var (key, value) in environment)
            {
                info.Environment[key] = value;
            }
        }

        return info;
    }

    public static async Task<SvctlResult> RunAsync(IEnumerable<string> arguments, IReadOnlyDictionary<string, string?>? environment = null, TimeSpan? timeout = null)
    {
        using var process = Process.Start(StartInfo(arguments, environment))!;
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromMinutes(2));
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"svctl {string.Join(' ', arguments)} did not finish in time. stderr: {await stderr}");
        }

        return new SvctlResult(process.ExitCode, await stdout, await stderr);
    }
}

/// <summary>What a finished svctl process printed.</summary>
public sealed record SvctlResult(int ExitCode, string Stdout, string Stderr)
{
    public string LastLine => Stdout.TrimEnd().Split('\n')[^1].Trim();
}

/// <summary>`svctl up` as a child process on a free port: the node a crash test can kill -9.</summary>
public sealed class NodeProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private NodeProcess(Process process, string dataDir, int port)
    {
        _process = process;
        DataDir = dataDir;
        BaseAddress = new Uri($"http://127.0.0.1:{port}/");
    }

    public string DataDir { get; }

    public Uri BaseAddress { get; }

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public static async Task<NodeProcess> StartAsync(string dataDir, int? port = null, IReadOnlyDictionary<string, string?>? environment = null)
    {
        var listen = port ?? FreePort.Next();
        var process = Process.Start(SvctlProcess.StartInfo(["up", "--data", dataDir, "--urls", $"http://127.0.0.1:{listen}"], environment))!;
        var node = new NodeProcess(process, dataDir, listen);
        process.OutputDataReceived += (_, e) => node.Append(e.Data);
        process.ErrorDataReceived += (_, e) => node.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await node.WaitHealthyAsync(TimeSpan.FromSeconds(60));
        return node;
    }

    public Task<SvctlResult> TokenAsync(string user) => SvctlProcess.RunAsync(["token", "--user", user, "--data", DataDir]);

    /// <summary>
    /// SIGKILL: no shutdown code runs, exactly like a crash. With <paramref name="entireProcessTree"/> false only
    /// the node dies, as with `kill -9 PID`: its children (ffmpeg) keep running, orphaned.
    /// </summary>
    public async Task KillAsync(bool entireProcessTree = true)
    {
        _process.Kill(entireProcessTree);
        await _process.WaitForExitAsync();
    }

    /// <summary>SIGTERM (what a service manager sends) or SIGINT (Ctrl+C): both stop the node gracefully.</summary>
    public async Task<int> TerminateAsync(TimeSpan timeout, string signal = "TERM")
    {
        using (var kill = Process.Start("kill", ["-" + signal, _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }

        using var cts = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(cts.Token);
        return _process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private async Task WaitHealthyAsync(TimeSpan timeout)
    {
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"svctl up exited with {_process.ExitCode}: {Output}");
            }

            try
            {
                using var response = await client.GetAsync(new Uri(BaseAddress, "healthz"));
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException)
            {
                // Slow first answer while the JIT warms up.
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"svctl up did not answer /healthz within {timeout}: {Output}");
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            if (_output.Length < 64 * 1024)
            {
                _output.AppendLine(line);
            }
        }
    }
}
