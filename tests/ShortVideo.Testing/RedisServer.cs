using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Xunit;

namespace ShortVideo.Testing;

/// <summary>
/// A real redis-server on a free loopback port with its own temporary directory, no persistence, killed
/// on dispose. Use as an xunit class fixture or with <see cref="StartAsync"/>, which can also require a password.
/// </summary>
public sealed class RedisServer : IAsyncLifetime, IAsyncDisposable
{
    private const int Attempts = 3; // a free port can be taken between probing and redis binding it

    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(15);

    private readonly string _directory = Path.Combine(Path.GetTempPath(), "sv-redis-" + Guid.NewGuid().ToString("N"));
    private Process? _process;

    public RedisServer()
    {
    }

    private RedisServer(string? password) => Password = password;

    public string Host { get; } = "127.0.0.1";

    public int Port { get; private set; }

    /// <summary>The password clients must send (redis-server --requirepass), or null when none is required.</summary>
    public string? Password { get; }

    /// <summary>"127.0.0.1:port", the form Redis:ConnectionString takes.</summary>
    public string ConnectionString => $"{Host}:{Port}";

    /// <summary>Starts a server; with <paramref name="requirePassword"/>, one that refuses commands until AUTH.</summary>
    public static async Task<RedisServer> StartAsync(string? requirePassword = null)
    {
        var server = new RedisServer(requirePassword);
        await server.InitializeAsync();
        return server;
    }

    /// <summary>A loopback TCP port nothing listened on a moment ago (also a "closed port" for failure tests).</summary>
    public static int FindFreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async Task InitializeAsync()
    {
        var executable = FindRedisServer();
        Directory.CreateDirectory(_directory);
        var log = new StringBuilder();
        for (var attempt = 1; ; attempt++)
        {
            Port = FindFreePort();
            _process = Launch(executable, log);
            if (await WaitForPongAsync())
            {
                return;
            }

            Kill();
            if (attempt == Attempts)
            {
                throw new InvalidOperationException($"redis-server did not answer PING on port {Port} within {StartTimeout.TotalSeconds} s:\n{log}");
            }
        }
    }

    public Task DisposeAsync()
    {
        Kill();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a leftover temp directory must not fail a test run.
        }

        return Task.CompletedTask;
    }

    ValueTask IAsyncDisposable.DisposeAsync() => new(DisposeAsync());

    private Process Launch(string executable, StringBuilder log)
    {
        var start = new ProcessStartInfo(executable)
        {
            ArgumentList =
            {
                "--port", Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
                "--bind", Host,
                "--dir", _directory,
                "--save", string.Empty,
                "--appendonly", "no",
            },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (Password is not null)
        {
            start.ArgumentList.Add("--requirepass");
            start.ArgumentList.Add(Password);
        }

        var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => { lock (log) { log.AppendLine(e.Data); } };
        process.ErrorDataReceived += (_, e) => { lock (log) { log.AppendLine(e.Data); } };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private async Task<bool> WaitForPongAsync()
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < StartTimeout && _process is { HasExited: false })
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(Host, Port);
                var stream = client.GetStream();
                await stream.WriteAsync("PING\r\n"u8.ToArray());
                var reply = new byte[7];
                var read = await stream.ReadAsync(reply);
                // With a password, NOAUTH is the answer of a server that is up and enforcing it.
                var answer = Encoding.ASCII.GetString(reply, 0, read);
                if (answer.StartsWith("+PONG", StringComparison.Ordinal) || (Password is not null && answer.StartsWith("-NOAUTH", StringComparison.Ordinal)))
                {
                    return true;
                }
            }
            catch (SocketException)
            {
                // not listening yet
            }

            await Task.Delay(50);
        }

        return false;
    }

    private void Kill()
    {
        if (_process is null)
        {
            return;
        }

        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit(5000);
            }
        }
        catch (InvalidOperationException)
        {
            // already gone
        }

        _process.Dispose();
        _process = null;
    }

    private static string FindRedisServer()
    {
        var directories = (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Concat(["/usr/bin", "/usr/sbin", "/usr/local/bin"]);
        return directories.Select(d => Path.Combine(d, "redis-server")).FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException("redis-server is not installed: apt-get install -y redis-server");
    }
}
