using System.Text.Json;
using ShortVideo.Cli.Bench;
using ShortVideo.Cli.Commands.Bench;
using ShortVideo.Testing;
using svctl.Tests.Upload;

namespace svctl.Tests.Bench;

public sealed class BenchUploadCommandTests
{
    [Fact]
    public async Task Against_a_server_with_the_node_peer_json_is_one_object_with_both_figures()
    {
        await using var peer = await TusPeerServer.StartAsync();

        var outcome = await CommandRunner.RunAsync(
            BenchUploadCommand.Create(),
            "upload", "--server", peer.Endpoint.AbsoluteUri, "--parallel", "2", "--size", "2", "--chunk-size", "1MiB", "--peer", "tus-node", "--json");

        Assert.True(outcome.ExitCode == 0, outcome.Stderr);
        using var json = JsonDocument.Parse(Assert.Single(outcome.StdoutLines));
        var root = json.RootElement;
        foreach (var figure in new[] { "throughputMBps", "patchP50Ms", "patchP99Ms", "diskWriteMBps", "peerThroughputMBps", "peerPatchP99Ms", "ratioToPeer" })
        {
            Assert.True(root.GetProperty(figure).GetDouble() > 0, figure);
        }

        Assert.Equal(2, root.GetProperty("uploads").GetInt32());
        Assert.Equal(2, root.GetProperty("parallel").GetInt32());
        Assert.Equal(2, root.GetProperty("sizeMiB").GetInt32());
        Assert.False(root.TryGetProperty("ratioToDisk", out _));
        Assert.Empty(outcome.Stderr);
    }

    [Fact]
    public async Task A_single_upload_reports_its_ratio_to_the_disk_and_a_readable_table_without_json()
    {
        await using var peer = await TusPeerServer.StartAsync();

        var outcome = await CommandRunner.RunAsync(
            BenchUploadCommand.Create(), "upload", "--server", peer.Endpoint.AbsoluteUri, "--size", "2", "--chunk-size", "1MiB");

        Assert.True(outcome.ExitCode == 0, outcome.Stderr);
        Assert.Contains("throughput (MB/s)", outcome.Stdout);
        Assert.Contains("ratio to disk", outcome.Stdout);
        Assert.DoesNotContain("\u001b[", outcome.Stdout);
    }

    [Theory]
    [InlineData("--parallel", "0", "--parallel must be between 1 and 256")]
    [InlineData("--size", "0", "--size must be between 1 and 2000 MiB")]
    [InlineData("--chunk-size", "abc", "invalid chunk size 'abc'")]
    [InlineData("--peer", "go-tusd", "unknown peer 'go-tusd'")]
    [InlineData("--server", "nonsense", "invalid server URL 'nonsense'")]
    public async Task Bad_input_is_one_readable_line_and_exit_code_2(string option, string value, string expected)
    {
        var outcome = await CommandRunner.RunAsync(BenchUploadCommand.Create(), "upload", option, value);

        Assert.Equal(2, outcome.ExitCode);
        Assert.Empty(outcome.Stdout);
        Assert.Contains(expected, Assert.Single(outcome.StderrLines));
    }

    [Fact]
    public async Task A_server_that_is_down_ends_the_bench_with_one_readable_line()
    {
        var port = svctl.Tests.Upload.TusUploadClientTests.UnusedPort();

        var outcome = await CommandRunner.RunAsync(
            BenchUploadCommand.Create(), "upload", "--server", $"http://127.0.0.1:{port}/files", "--size", "1", "--json");

        Assert.Equal(1, outcome.ExitCode);
        Assert.Empty(outcome.Stdout);
        Assert.StartsWith("svctl bench upload: the upload workload against", Assert.Single(outcome.StderrLines));
    }

    [Fact]
    public void The_node_is_started_from_this_very_svctl()
    {
        var (fileName, prefix) = NodeUnderTest.SelfInvocation();

        // Under the test host svctl is a library: it runs as `dotnet <path>/svctl.dll`.
        Assert.Equal("dotnet", Path.GetFileNameWithoutExtension(fileName));
        Assert.Equal("svctl.dll", Path.GetFileName(Assert.Single(prefix)));
    }
}
