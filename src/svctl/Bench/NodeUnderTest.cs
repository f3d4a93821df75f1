using System.Globalization;
using System.Net;

namespace ShortVideo.Cli.Bench;

/// <summary>
/// Our all-in-one node, started as a child: the same svctl binary with <c>up --data DIR --urls URL</c>,
/// ready once <c>GET /healthz</c> answers 200, with a token minted for its data directory.
/// </summary>
internal sealed class NodeUnderTest : IAsyncDisposable
{
    private static readonly TimeSpan HealthTimeout = TimeSpan.FromSeconds(60);

    private readonly ChildProcess _process;

    private NodeUnderTest(ChildProcess process, Uri baseUrl, string token)
    {
        _process = process;
        BaseUrl = baseUrl;
        Token = token;
    }

    /// <summary>
    /// What <c>svctl bench upload</c> runs: the API only. The warm-up's uploads are random bytes, and probing them in
    /// the media worker ran during the timed uploads (one upload: ~665 MB/s with the worker, ~930-1000 without, same
    /// machine). @tus/server transcodes nothing either; <c>svctl bench pipeline</c> measures the media side.
    /// One bench user starts up to 200 warm-up rounds of --parallel uploads within seconds: the per-user limits that
    /// protect a node from a flood (uploads in flight, reserved bytes, creations per minute) are lifted for it. The
    /// free-space check stays: a bench that does not fit on the disk should say so.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, string> ApiRoleOnly = new Dictionary<string, string>
    {
        ["SV_Node__Roles"] = "api",
        ["SV_Uploads__MaxUploadsInFlightPerUser"] = "100000",
        ["SV_Uploads__MaxReservedBytesPerUser"] = long.MaxValue.ToString(CultureInfo.InvariantCulture),
        ["SV_Uploads__RateLimit__PermitLimit"] = "1000000",
    };

    public Uri BaseUrl { get; }

    /// <summary>The node's process (svctl itself runs the node, so its CPU time and its children's are the node's).</summary>
    public int ProcessId => _process.Id;

    public string Token { get; }

    /// <summary>Starts a node on a free loopback port with <paramref name="environment"/> added to its own (configuration as SV_*).</summary>
    public static async Task<NodeUnderTest> StartAsync(string dataDirectory, IReadOnlyDictionary<string, string> environment, CancellationToken cancellationToken)
    {
        var baseUrl = new Uri($"http://127.0.0.1:{LoopbackPort.Free().ToString(CultureInfo.InvariantCulture)}");
        var (fileName, prefix) = SelfInvocation();
        var process = ChildProcess.Start("the svctl node", fileName, [.. prefix, "up", "--data", dataDirectory, "--urls", baseUrl.AbsoluteUri.TrimEnd('/')], environment: environment);
        try
        {
            await WaitHealthyAsync(process, baseUrl, cancellationToken);
            var token = await MintTokenAsync(fileName, prefix, dataDirectory, cancellationToken);
            return new NodeUnderTest(process, baseUrl, token);
        }
        catch
        {
            await process.DisposeAsync();
            throw;
        }
    }

    /// <summary>The first line the node printed that contains <paramref name="text"/>, waiting for it up to <paramref name="timeout"/>.</summary>
    public async Task<string> WaitForLogLineAsync(string text, TimeSpan timeout, CancellationToken cancellationToken)
    {
        await _process.WaitForLineAsync(text, timeout, cancellationToken);
        return _process.StdoutLines().First(line => line.Contains(text, StringComparison.Ordinal));
    }

    public ValueTask DisposeAsync() => _process.DisposeAsync();

    /// <summary>How to run this very svctl again: its apphost, or <c>dotnet svctl.dll</c> when run that way (or from tests).</summary>
    internal static (string FileName, string[] Prefix) SelfInvocation()
    {
        var processPath = Environment.ProcessPath ?? "dotnet";
        var assembly = typeof(NodeUnderTest).Assembly;
        var assemblyName = assembly.GetName().Name;
        if (string.Equals(Path.GetFileNameWithoutExtension(processPath), assemblyName, StringComparison.OrdinalIgnoreCase)
            || string.IsNullOrEmpty(assembly.Location))
        {
            // The apphost, or a single-file publish (no assembly path): the process itself is svctl.
            return (processPath, []);
        }

        var host = string.Equals(Path.GetFileNameWithoutExtension(processPath), "dotnet", StringComparison.OrdinalIgnoreCase) ? processPath : "dotnet";
        return (host, [assembly.Location]);
    }

    private static async Task WaitHealthyAsync(ChildProcess process, Uri baseUrl, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var health = new Uri(baseUrl, "/healthz");
        var deadline = DateTimeOffset.UtcNow + HealthTimeout;
        while (true)
        {
            if (process.HasExited)
            {
                throw new BenchException($"the svctl node exited with code {process.ExitCode} before GET /healthz answered 200{process.Tail()}");
            }

            try
            {
                using var response = await http.GetAsync(health, cancellationToken);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (Exception ex) when (ex is HttpRequestException || (ex is TaskCanceledException && !cancellationToken.IsCancellationRequested))
            {
                // Not listening yet.
            }

            if (DateTimeOffset.UtcNow > deadline)
            {
                throw new BenchException($"the svctl node did not answer GET {health} with 200 within {HealthTimeout.TotalSeconds:0} s{process.Tail()}");
            }

            await Task.Delay(200, cancellationToken);
        }
    }

    /// <summary>
    /// Mints a token with <c>svctl token --user bench --data DIR</c>, the stable contract; once
    /// ShortVideo.Hosting.Auth.TokenIssuer is merged this can call it in-process instead.
    /// </summary>
    private static async Task<string> MintTokenAsync(string fileName, string[] prefix, string dataDirectory, CancellationToken cancellationToken)
    {
        await using var token = ChildProcess.Start("svctl token", fileName, [.. prefix, "token", "--user", "bench", "--data", dataDirectory]);
        var exitCode = await token.WaitForExitAsync(TimeSpan.FromSeconds(60), cancellationToken);
        var lines = token.StdoutLines();
        for (var i = lines.Count - 1; i >= 0 && exitCode == 0; i--)
        {
            if (!string.IsNullOrWhiteSpace(lines[i]))
            {
                return lines[i].Trim();
            }
        }

        throw new BenchException($"svctl token --user bench failed with exit code {exitCode}{token.Tail()}");
    }
}
