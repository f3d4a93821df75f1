using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using Xunit;

namespace ShortVideo.Testing;

/// <summary>
/// A real PostgreSQL 15 (Debian's <c>postgresql</c> package) on a free loopback port, with its data directory and
/// Unix socket in its own temporary directory; stopped and deleted on dispose. TCP logins need the password
/// (scram-sha-256) while the socket trusts, so tests can exercise both a refused login and a good one.
/// Use as an xunit class fixture or with <see cref="StartAsync"/>.
/// </summary>
public sealed class PostgresServer : IAsyncLifetime, IAsyncDisposable
{
    /// <summary>Where Debian's postgresql-15 puts initdb and pg_ctl; test.sh installs the package when this is missing.</summary>
    public const string BinDirectory = "/usr/lib/postgresql/15/bin";

    // max_connections=300 on start: one server serves every test of a process (SharedPostgres), each test's nodes with
    // pools of their own; the default 100 ran out ("too many clients") when two-node race tests ran beside the rest.
    private const int Attempts = 3; // a free port can be taken between probing and the server binding it

    // initdb takes ~2 s here; under a loaded test run it has taken several times that.
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(90);

    private readonly string _directory = Path.Combine(Path.GetTempPath(), "sv-postgres-" + Guid.NewGuid().ToString("N"));
    private bool _running;

    public string Host { get; } = "127.0.0.1";

    public int Port { get; private set; }

    /// <summary>The superuser initdb creates.</summary>
    public string Username { get; } = "postgres";

    /// <summary>The superuser's password, required over TCP.</summary>
    public string Password { get; } = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));

    /// <summary>The database initdb creates.</summary>
    public string Database { get; } = "postgres";

    /// <summary>The directory holding the server's Unix socket (<c>Host=</c> of a socket connection).</summary>
    public string SocketDirectory => _directory;

    /// <summary>An Npgsql connection string that logs in over TCP with the password.</summary>
    public string ConnectionString =>
        $"Host={Host};Port={Port.ToString(CultureInfo.InvariantCulture)};Username={Username};Password={Password};Database={Database}";

    private string DataDirectory => Path.Combine(_directory, "data");

    private string LogFile => Path.Combine(_directory, "postgres.log");

    public static async Task<PostgresServer> StartAsync()
    {
        var server = new PostgresServer();
        await server.InitializeAsync();
        return server;
    }

    public async Task InitializeAsync()
    {
        if (!File.Exists(Path.Combine(BinDirectory, "initdb")))
        {
            throw new InvalidOperationException($"PostgreSQL 15 is not installed ({BinDirectory}/initdb is missing): apt-get install -y postgresql");
        }

        Directory.CreateDirectory(_directory);
        var passwordFile = Path.Combine(_directory, "password");
        await File.WriteAllTextAsync(passwordFile, Password + "\n");
        if (Environment.IsPrivilegedProcess)
        {
            // PostgreSQL refuses to run as root: the postgres user owns the directory and runs the server.
            await RunAsync("chown", ["-R", "postgres", _directory], asPostgres: false);
        }

        await RunAsync(
            Path.Combine(BinDirectory, "initdb"),
            ["-D", DataDirectory, "-U", Username, "--pwfile", passwordFile, "--auth-local=trust", "--auth-host=scram-sha-256",
             "--no-sync", "-E", "UTF8", "--locale=C"],
            asPostgres: true);
        File.Delete(passwordFile);

        for (var attempt = 1; ; attempt++)
        {
            Port = FreePort.Next();
            var (exitCode, output) = await RunAsync(
                Path.Combine(BinDirectory, "pg_ctl"),
                ["-D", DataDirectory, "-l", LogFile, "-w", "-t", "60", "start",
                 "-o", $"-p {Port.ToString(CultureInfo.InvariantCulture)} -k {_directory} -c listen_addresses={Host} -c fsync=off -c max_connections=300"],
                asPostgres: true,
                throwOnFailure: false);
            if (exitCode == 0)
            {
                _running = true;
                return;
            }

            if (attempt == Attempts)
            {
                var log = File.Exists(LogFile) ? await File.ReadAllTextAsync(LogFile) : string.Empty;
                throw new InvalidOperationException($"PostgreSQL did not start on port {Port}:\n{output}\n{log}");
            }
        }
    }

    /// <summary>Stops the server (fast shutdown: clients are cut off) and keeps its data, for <see cref="RestartAsync"/>.</summary>
    public async Task StopAsync()
    {
        await RunAsync(Path.Combine(BinDirectory, "pg_ctl"), ["-D", DataDirectory, "-m", "fast", "-w", "stop"], asPostgres: true);
        _running = false;
    }

    /// <summary>Starts a stopped server again on the same port with the same data.</summary>
    public async Task RestartAsync()
    {
        await RunAsync(
            Path.Combine(BinDirectory, "pg_ctl"),
            ["-D", DataDirectory, "-l", LogFile, "-w", "-t", "60", "start",
             "-o", $"-p {Port.ToString(CultureInfo.InvariantCulture)} -k {_directory} -c listen_addresses={Host} -c fsync=off -c max_connections=300"],
            asPostgres: true);
        _running = true;
    }

    public async Task DisposeAsync()
    {
        if (_running)
        {
            _running = false;
            var (exitCode, _) = await RunAsync(
                Path.Combine(BinDirectory, "pg_ctl"), ["-D", DataDirectory, "-m", "fast", "-w", "stop"], asPostgres: true, throwOnFailure: false);
            if (exitCode != 0)
            {
                KillPostmaster();
            }
        }

        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a leftover temp directory must not fail a test run.
        }
    }

    ValueTask IAsyncDisposable.DisposeAsync() => new(DisposeAsync());

    /// <summary>Runs a program to its end; as root, <paramref name="asPostgres"/> runs it as the postgres user.</summary>
    private static async Task<(int ExitCode, string Output)> RunAsync(
        string program, IReadOnlyList<string> arguments, bool asPostgres, bool throwOnFailure = true)
    {
        var start = new ProcessStartInfo
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (asPostgres && Environment.IsPrivilegedProcess)
        {
            // runuser is su without a shell in between: the arguments reach the program as they are.
            start.FileName = "runuser";
            foreach (var argument in (string[])["-u", "postgres", "--", program])
            {
                start.ArgumentList.Add(argument);
            }
        }
        else
        {
            start.FileName = program;
        }

        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(CommandTimeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"{program} did not finish within {CommandTimeout.TotalSeconds} s");
        }

        var text = await output + await errors;
        if (throwOnFailure && process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} exited with {process.ExitCode}:\n{text}");
        }

        return (process.ExitCode, text);
    }

    /// <summary>pg_ctl could not stop it: kill the postmaster named in its pid file (its children follow it).</summary>
    private void KillPostmaster()
    {
        try
        {
            var pidFile = Path.Combine(DataDirectory, "postmaster.pid");
            if (File.Exists(pidFile) && int.TryParse(File.ReadLines(pidFile).First(), CultureInfo.InvariantCulture, out var pid))
            {
                using var postmaster = Process.GetProcessById(pid);
                postmaster.Kill(entireProcessTree: true);
                postmaster.WaitForExit(5000);
            }
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or IOException)
        {
            // already gone
        }
    }
}
