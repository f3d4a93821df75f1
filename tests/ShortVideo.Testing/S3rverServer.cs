using System.Diagnostics;
using System.Net.Sockets;
using System.Text;
using Xunit;

namespace ShortVideo.Testing;

/// <summary>
/// A real S3 API server (s3rver, from tools/node) on a free loopback port with its own data directory;
/// killed and deleted on dispose. Use as an xunit class fixture, or call <see cref="StartAsync"/>.
/// </summary>
/// <remarks>
/// s3rver 3.7 does not implement AbortMultipartUpload (405), ListMultipartUploads, ListParts or
/// UploadPartCopy (501); it stores unfinished multipart uploads under
/// <c>{DataDirectory}/{bucket}/._S3rver_uploads/{uploadId}</c>.
/// </remarks>
public sealed class S3rverServer : IAsyncLifetime, IAsyncDisposable
{
    /// <summary>The access key s3rver accepts.</summary>
    public const string AccessKey = "S3RVER";

    /// <summary>The secret key s3rver accepts.</summary>
    public const string SecretKey = "S3RVER";

    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(20);

    private readonly StringBuilder _stderr = new();
    private TempDirectory? _directory;
    private Process? _process;

    /// <summary>The loopback port it listens on.</summary>
    public int Port { get; private set; }

    /// <summary>"http://127.0.0.1:{Port}".</summary>
    public string ServiceUrl => $"http://127.0.0.1:{Port}";

    /// <summary>Where s3rver keeps buckets and objects.</summary>
    public string DataDirectory => _directory?.Path ?? throw new InvalidOperationException("s3rver is not started.");

    /// <summary>Starts a server; dispose it to stop it.</summary>
    public static async Task<S3rverServer> StartAsync()
    {
        var server = new S3rverServer();
        await server.InitializeAsync();
        return server;
    }

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        var script = Path.Combine(NodeModules.Require("s3rver"), "bin", "s3rver.js");
        _directory = new TempDirectory("s3rver");
        for (var attempt = 1; ; attempt++)
        {
            Port = FreePort.Next();
            _process = StartProcess(script);
            if (await WaitUntilListeningAsync(_process))
            {
                return;
            }

            // Most likely another process took the port between FreePort.Next and s3rver's bind.
            StopProcess();
            if (attempt == 3)
            {
                throw new InvalidOperationException($"s3rver did not start on 127.0.0.1 within {StartTimeout.TotalSeconds} s: {_stderr}");
            }
        }
    }

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        StopProcess();
        _directory?.Dispose();
        _directory = null;
        await Task.CompletedTask;
    }

    async ValueTask IAsyncDisposable.DisposeAsync() => await DisposeAsync();

    private Process StartProcess(string script)
    {
        var info = new ProcessStartInfo("node")
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { script, "--address", "127.0.0.1", "--port", Port.ToString(), "--directory", DataDirectory, "--silent" })
        {
            info.ArgumentList.Add(argument);
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException("Could not start node.");
        process.ErrorDataReceived += (_, e) =>
        {
            lock (_stderr)
            {
                _stderr.AppendLine(e.Data);
            }
        };
        process.OutputDataReceived += (_, _) => { };
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        return process;
    }

    private async Task<bool> WaitUntilListeningAsync(Process process)
    {
        var deadline = DateTime.UtcNow + StartTimeout;
        while (DateTime.UtcNow < deadline && !process.HasExited)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync("127.0.0.1", Port);
                return true;
            }
            catch (SocketException)
            {
                await Task.Delay(50);
            }
        }

        return false;
    }

    private void StopProcess()
    {
        var process = _process;
        _process = null;
        if (process is null)
        {
            return;
        }

        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit(5_000);
            }
        }
        catch (InvalidOperationException)
        {
            // Exited between the check and the kill.
        }
        finally
        {
            process.Dispose();
        }
    }
}
