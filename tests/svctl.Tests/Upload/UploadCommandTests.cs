using System.Text.Json;
using ShortVideo.Cli.Commands;
using ShortVideo.Testing;

namespace svctl.Tests.Upload;

public sealed class UploadCommandTests : IDisposable
{
    private readonly UploadTestFiles _files = new();

    [Fact]
    public async Task A_missing_file_is_one_readable_line_and_exit_code_2()
    {
        var outcome = await RunAsync("upload", Path.Combine(_files.Root, "nope.mp4"), "--token", "t");

        AssertOneLineError(outcome, 2, "nope.mp4: no such file");
    }

    [Fact]
    public async Task No_file_at_all_is_one_readable_line()
    {
        var outcome = await RunAsync("upload", "--token", "t");

        AssertOneLineError(outcome, 2, "no file given: svctl upload FILE");
    }

    [Fact]
    public async Task A_directory_is_refused()
    {
        var outcome = await RunAsync("upload", _files.Root, "--token", "t");

        AssertOneLineError(outcome, 2, "is a directory");
    }

    [Theory]
    [InlineData("0")]
    [InlineData("abc")]
    [InlineData("2GiB")]
    public async Task A_bad_chunk_size_is_refused(string chunkSize)
    {
        var source = _files.CreateSource("clip.mp4", 1024);

        var outcome = await RunAsync("upload", source, "--token", "t", "--chunk-size", chunkSize);

        AssertOneLineError(outcome, 2, $"invalid chunk size '{chunkSize}'");
    }

    [Fact]
    public async Task No_token_says_where_to_get_one()
    {
        var source = _files.CreateSource("clip.mp4", 1024);

        var outcome = await RunAsync("upload", source);

        AssertOneLineError(outcome, 2, "no token: pass --token or set SV_TOKEN");
    }

    [Fact]
    public async Task The_token_falls_back_to_SV_TOKEN()
    {
        var source = _files.CreateSource("clip.mp4", 1024);
        var port = TusUploadClientTests.UnusedPort();

        var outcome = await RunAsync(name => name == "SV_TOKEN" ? "from-env" : null, "upload", source, "--server", $"http://127.0.0.1:{port}");

        Assert.Equal(1, outcome.ExitCode);
        Assert.Contains("gave up after 3 attempts: cannot reach", outcome.StderrLines[^1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_server_that_is_down_is_named_at_the_first_refusal_then_ends_with_one_readable_line_and_exit_code_1()
    {
        var source = _files.CreateSource("clip.mp4", 1024);
        var port = TusUploadClientTests.UnusedPort();

        var outcome = await RunAsync("upload", source, "--token", "t", "--server", $"http://127.0.0.1:{port}");

        Assert.Equal(1, outcome.ExitCode);
        Assert.Empty(outcome.Stdout);
        Assert.Equal(
            [
                $"nothing answers at http://127.0.0.1:{port} (connection refused): is the node running? Start one with ./svctl up; retrying",
                $"svctl upload: gave up after 3 attempts: cannot reach http://127.0.0.1:{port}:",
            ],
            [outcome.StderrLines[0], outcome.StderrLines[1][..$"svctl upload: gave up after 3 attempts: cannot reach http://127.0.0.1:{port}:".Length]]);
        Assert.Equal(2, outcome.StderrLines.Length);
    }

    [Fact]
    public async Task With_json_stdout_is_one_object_with_the_measured_figures()
    {
        await using var peer = await TusPeerServer.StartAsync();
        var source = _files.CreateSource("clip.mp4", 3 * 1024 * 1024);

        var outcome = await RunAsync("upload", source, "--token", "t", "--server", peer.Endpoint.AbsoluteUri, "--chunk-size", "1MiB", "--json");

        Assert.Equal(0, outcome.ExitCode);
        var line = Assert.Single(outcome.StdoutLines);
        using var json = JsonDocument.Parse(line);
        var root = json.RootElement;
        Assert.Equal(JsonValueKind.Null, root.GetProperty("videoId").ValueKind);
        Assert.StartsWith(peer.Endpoint.AbsoluteUri, root.GetProperty("uploadUrl").GetString());
        Assert.Equal(3 * 1024 * 1024, root.GetProperty("sizeBytes").GetInt64());
        Assert.Equal(UploadTestFiles.Sha256Of(source), root.GetProperty("sha256").GetString());
        Assert.False(root.GetProperty("resumed").GetBoolean());
        Assert.True(root.GetProperty("seconds").GetDouble() >= 0);
        Assert.True(root.GetProperty("throughputMBps").GetDouble() >= 0);
        Assert.Empty(outcome.Stderr);
    }

    [Fact]
    public async Task Without_json_the_last_stdout_line_names_the_upload_and_progress_goes_to_stderr()
    {
        await using var peer = await TusPeerServer.StartAsync();
        var source = _files.CreateSource("clip.mp4", 2 * 1024 * 1024);

        var outcome = await RunAsync("upload", source, "--token", "t", "--server", peer.Endpoint.AbsoluteUri, "--chunk-size", "512KiB");

        Assert.Equal(0, outcome.ExitCode);
        Assert.StartsWith(peer.Endpoint.AbsoluteUri + "/", outcome.StdoutLines[^1]);
        Assert.Contains(outcome.StderrLines, l => l.StartsWith("uploaded 100%", StringComparison.Ordinal));
    }

    public void Dispose() => _files.Dispose();

    private Task<CommandOutcome> RunAsync(params string[] args) => RunAsync(static _ => null, args);

    private Task<CommandOutcome> RunAsync(Func<string, string?> environment, params string[] args)
    {
        var command = UploadCommand.Create(
            o => TusUploadClientTests.FastRetry(o with { StateDirectory = _files.StateDirectory }, attempts: 3),
            environment);
        return CommandRunner.RunAsync(command, args);
    }

    private static void AssertOneLineError(CommandOutcome outcome, int exitCode, string expected)
    {
        Assert.Equal(exitCode, outcome.ExitCode);
        Assert.Empty(outcome.Stdout);
        var line = Assert.Single(outcome.StderrLines);
        Assert.Contains(expected, line);
    }
}
