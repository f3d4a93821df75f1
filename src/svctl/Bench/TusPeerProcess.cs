namespace ShortVideo.Cli.Bench;

/// <summary>The reference tus server (tools/node/tus-peer.mjs) the bench compares our node with.</summary>
internal sealed class TusPeerProcess : IAsyncDisposable
{
    private readonly ChildProcess _process;

    private TusPeerProcess(ChildProcess process, Uri endpoint)
    {
        _process = process;
        Endpoint = endpoint;
    }

    public Uri Endpoint { get; }

    public static async Task<TusPeerProcess> StartAsync(string dataDirectory, CancellationToken cancellationToken)
    {
        var tools = NodeTools.FindDirectory();
        if (tools is null || !Directory.Exists(Path.Combine(tools, "node_modules", "@tus", "server")))
        {
            throw new BenchException($"the tus-node peer needs tools/node/node_modules: {NodeTools.MissingHint}");
        }

        var port = LoopbackPort.Free();
        ChildProcess process;
        try
        {
            process = ChildProcess.Start(
                "the tus-node peer",
                "node",
                [Path.Combine(tools, "tus-peer.mjs"), "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--dir", dataDirectory, "--path", "/files", "--exit-with-parent"],
                tools);
        }
        catch (BenchException ex)
        {
            throw new BenchException($"the tus-node peer needs node: {NodeTools.MissingHint}", ex);
        }

        try
        {
            await process.WaitForLineAsync("listening", TimeSpan.FromSeconds(30), cancellationToken);
        }
        catch
        {
            await process.DisposeAsync();
            throw;
        }

        return new TusPeerProcess(process, new Uri($"http://127.0.0.1:{port}/files"));
    }

    public ValueTask DisposeAsync() => _process.DisposeAsync();
}
