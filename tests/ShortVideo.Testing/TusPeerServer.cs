using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace ShortVideo.Testing;

/// <summary>
/// A real reference tus 1.0 server (@tus/server + @tus/file-store via tools/node/tus-peer.mjs) on a free
/// 127.0.0.1 port, storing uploads in its own temp directory; killed and deleted on dispose.
/// Needs node and tools/node/node_modules (./test.sh or `npm ci` in tools/node).
/// </summary>
public sealed class TusPeerServer : IAsyncDisposable
{
    private const string PeerPath = "/files";

    private readonly Process _process;
    private readonly StringBuilder _stderr;

    private TusPeerServer(Process process, StringBuilder stderr, int port, string dataDirectory)
    {
        _process = process;
        _stderr = stderr;
        Port = port;
        DataDirectory = dataDirectory;
        Endpoint = new Uri($"http://127.0.0.1:{port}{PeerPath}");
    }

    /// <summary>The tus creation endpoint, e.g. http://127.0.0.1:40123/files.</summary>
    public Uri Endpoint { get; }

    public int Port { get; }

    /// <summary>Where the file store writes each upload as a file named by its id (plus id.json).</summary>
    public string DataDirectory { get; }

    /// <summary>What the peer wrote to stderr so far (for assertion messages).</summary>
    public string Stderr
    {
        get
        {
            lock (_stderr)
            {
                return _stderr.ToString();
            }
        }
    }

    public static async Task<TusPeerServer> StartAsync(CancellationToken cancellationToken = default)
    {
        var repoRoot = FindRepoRoot();
        var script = Path.Combine(repoRoot, "tools", "node", "tus-peer.mjs");
        if (!Directory.Exists(Path.Combine(repoRoot, "tools", "node", "node_modules", "@tus", "server")))
        {
            throw new InvalidOperationException("tools/node/node_modules is missing: run ./test.sh or npm ci in tools/node");
        }

        // A free port can be taken between probing and binding; a second try on another port settles it.
        Exception? last = null;
        for (var attempt = 0; attempt < 3; attempt++)
        {
            var dataDirectory = Directory.CreateTempSubdirectory("sv-tus-peer-").FullName;
            try
            {
                return await LaunchAsync(script, FreePort(), dataDirectory, cancellationToken);
            }
            catch (InvalidOperationException ex)
            {
                last = ex;
                DeleteDirectory(dataDirectory);
            }
        }

        throw new InvalidOperationException("the tus peer did not start", last);
    }

    /// <summary>The stored bytes of an upload, by its URL (the id is the last path segment).</summary>
    public string StoredFilePath(Uri uploadUrl) => Path.Combine(DataDirectory, uploadUrl.Segments[^1]);

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
        catch (Exception ex) when (ex is InvalidOperationException or TimeoutException or System.ComponentModel.Win32Exception)
        {
            // Already gone, or stuck: nothing more a test can do.
        }

        _process.Dispose();
        DeleteDirectory(DataDirectory);
    }

    private static async Task<TusPeerServer> LaunchAsync(string script, int port, string dataDirectory, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo("node")
        {
            WorkingDirectory = Path.GetDirectoryName(script)!,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { script, "--port", port.ToString(), "--dir", dataDirectory, "--path", PeerPath, "--exit-with-parent" })
        {
            start.ArgumentList.Add(argument);
        }

        var stderr = new StringBuilder();
        var listening = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is not null && e.Data.Contains("listening", StringComparison.Ordinal))
            {
                listening.TrySetResult();
            }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                lock (stderr)
                {
                    stderr.AppendLine(e.Data);
                }
            }
        };
        process.Exited += (_, _) => listening.TrySetException(new InvalidOperationException("the tus peer exited early"));

        try
        {
            process.Start();
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            process.Dispose();
            throw new NotSupportedException("node is not installed (the tus peer needs it)", ex);
        }

        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await listening.Task.WaitAsync(TimeSpan.FromSeconds(20), cancellationToken);
            return new TusPeerServer(process, stderr, port, dataDirectory);
        }
        catch (Exception ex) when (ex is InvalidOperationException or TimeoutException)
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }

            process.WaitForExit(5000);
            string text;
            lock (stderr)
            {
                text = stderr.ToString().Trim();
            }

            process.Dispose();
            throw new InvalidOperationException($"the tus peer on port {port} did not start: {text}", ex);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string FindRepoRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "ShortVideoSdk.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"ShortVideoSdk.sln not found above {AppContext.BaseDirectory}");
    }

    private static void DeleteDirectory(string path)
    {
        try
        {
            Directory.Delete(path, recursive: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Temp space; the OS cleans it eventually.
        }
    }
}
