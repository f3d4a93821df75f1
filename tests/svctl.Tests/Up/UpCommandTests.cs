using System.Net;
using System.Net.Sockets;
using ShortVideo.Testing;

namespace svctl.Tests.Up;

/// <summary>svctl up as a process: what a newcomer sees when the port is taken, and what the node says it is.</summary>
public sealed class UpCommandTests : IDisposable
{
    private readonly TempDirectory _dir = new("svctl-up");

    [Fact]
    public async Task On_a_taken_port_up_prints_one_line_naming_the_address_and_the_flag_and_creates_no_data_dir()
    {
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port;
        var data = _dir.Combine("fresh-data");

        var result = await SvctlProcess.RunAsync(["up", "--data", data, "--urls", $"http://127.0.0.1:{port}"], timeout: TimeSpan.FromSeconds(60));

        Assert.NotEqual(0, result.ExitCode);
        Assert.Equal(string.Empty, result.Stdout);
        var line = Assert.Single(result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith($"svctl up: address http://127.0.0.1:{port} is already in use", line, StringComparison.Ordinal);
        Assert.Contains("--urls", line, StringComparison.Ordinal);
        Assert.False(Directory.Exists(data), "svctl up created the data directory although it could not listen");
    }

    [Fact]
    public async Task A_dev_node_says_its_auth_mode_and_metadata_store_and_never_calls_itself_production()
    {
        await using var node = await NodeProcess.StartAsync(_dir.Combine("data"));
        await node.TerminateAsync(TimeSpan.FromSeconds(40));

        Assert.Contains("auth mode Dev: tokens are signed with the dev key", node.Output, StringComparison.Ordinal);
        Assert.Contains("; metadata SQLite ", node.Output, StringComparison.Ordinal);
        Assert.Contains("roles api, media, ranking", node.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("Production", node.Output, StringComparison.Ordinal);
        Assert.Contains("ShortVideo node stopping", node.Output, StringComparison.Ordinal);
    }

    public void Dispose() => _dir.Dispose();
}
