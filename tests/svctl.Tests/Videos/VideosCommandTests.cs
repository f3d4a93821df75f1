using System.Text.Json;
using ShortVideo.Cli.Commands;
using ShortVideo.Testing;
using svctl.Tests.Upload;

namespace svctl.Tests.Videos;

/// <summary>svctl videos get|list|wait against a real node, with the same --server/--token conventions as upload.</summary>
public sealed class VideosCommandTests : IAsyncLifetime
{
    private readonly TempDirectory _files = new("svctl-videos");
    private InProcessNode _node = null!;

    public async Task InitializeAsync() => _node = await InProcessNode.StartAsync();

    public async Task DisposeAsync()
    {
        await _node.DisposeAsync();
        _files.Dispose();
    }

    [Fact]
    public async Task List_shows_the_callers_videos_newest_first_private_ones_included_and_no_one_elses()
    {
        var older = await UploadAsync("alice", "older");
        var bobs = await UploadAsync("bob", "bobs");
        var newer = await UploadAsync("alice", "newer", TusRequests.Metadata(("visibility", "private"), ("caption", "line one\nline two")));

        var text = await RunAsync("alice", "videos", "list");
        var json = await RunAsync("alice", "videos", "list", "--json");

        Assert.Equal(0, text.ExitCode);
        Assert.StartsWith("ID", text.StdoutLines[0], StringComparison.Ordinal);
        Assert.Equal([newer, older], text.StdoutLines.Skip(1).Select(l => l.Split(' ')[0]));
        Assert.Contains("private", text.StdoutLines[1], StringComparison.Ordinal);
        Assert.Contains("line one line two", text.StdoutLines[1], StringComparison.Ordinal);
        Assert.DoesNotContain(bobs, text.Stdout, StringComparison.Ordinal);
        using var page = JsonDocument.Parse(Assert.Single(json.StdoutLines));
        Assert.Equal([newer, older], page.RootElement.GetProperty("items").EnumerateArray().Select(v => v.GetProperty("id").GetString()));
        Assert.Equal(JsonValueKind.Null, page.RootElement.GetProperty("nextCursor").ValueKind);
    }

    [Fact]
    public async Task List_pages_with_limit_and_says_how_to_get_the_next_page()
    {
        var first = await UploadAsync("alice", "first");
        var second = await UploadAsync("alice", "second");

        var page1 = await RunAsync("alice", "videos", "list", "--limit", "1");
        var more = Assert.Single(page1.StderrLines);
        Assert.StartsWith("more: svctl videos list --cursor ", more, StringComparison.Ordinal);
        var page2 = await RunAsync("alice", "videos", "list", "--limit", "1", "--cursor", more.Split(' ')[^1]);

        Assert.Equal(second, page1.StdoutLines[1].Split(' ')[0]);
        Assert.Equal(first, page2.StdoutLines[1].Split(' ')[0]);
        Assert.Empty(page2.Stderr);
    }

    [Fact]
    public async Task List_for_a_user_without_videos_says_how_to_upload_one()
    {
        var outcome = await RunAsync("carol", "videos", "list");

        Assert.Equal(0, outcome.ExitCode);
        Assert.Empty(outcome.Stdout);
        Assert.Equal("no videos yet: upload one with ./svctl upload FILE", Assert.Single(outcome.StderrLines));
    }

    [Fact]
    public async Task Get_shows_status_visibility_size_and_deduplicated_and_json_is_the_servers_object()
    {
        var id = await UploadAsync("alice", "same bytes");
        var again = await UploadAsync("alice", "same bytes", TusRequests.Metadata(("visibility", "private")));

        var text = await RunAsync("alice", "videos", "get", again);
        var json = await RunAsync("alice", "videos", "get", id, "--json");

        Assert.Equal(0, text.ExitCode);
        Assert.Contains($"id           {again}", text.StdoutLines);
        Assert.Contains("visibility   private", text.StdoutLines);
        Assert.Contains("size         10 B", text.StdoutLines);
        Assert.Contains(text.StdoutLines, l => l.StartsWith("deduplicated yes", StringComparison.Ordinal));
        using var video = JsonDocument.Parse(Assert.Single(json.StdoutLines));
        Assert.Equal(id, video.RootElement.GetProperty("id").GetString());
        Assert.False(video.RootElement.GetProperty("deduplicated").GetBoolean());
    }

    [Fact]
    public async Task Get_of_another_users_private_video_is_the_same_one_line_as_an_unknown_id()
    {
        var secret = await UploadAsync("alice", "secret", TusRequests.Metadata(("visibility", "private")));

        var hidden = await RunAsync("bob", "videos", "get", secret);
        var unknown = await RunAsync("bob", "videos", "get", "nosuchvideo0");

        Assert.Equal(1, hidden.ExitCode);
        Assert.Empty(hidden.Stdout);
        Assert.Equal($"svctl videos get: No video with id '{secret}' exists.", Assert.Single(hidden.StderrLines));
        Assert.Equal("svctl videos get: No video with id 'nosuchvideo0' exists.", Assert.Single(unknown.StderrLines));
    }

    [Fact]
    public async Task Wait_prints_the_hls_url_once_the_video_is_ready()
    {
        var clip = await TestClips.VideoAsync(_files.Path, "clip.mp4", 320, 240, seconds: 2);
        using var client = _node.Client("alice");
        var id = await VideoRequests.UploadAsync(client, clip);

        var outcome = await RunAsync("alice", "videos", "wait", id, "--timeout", "120s");

        Assert.True(outcome.ExitCode == 0, outcome.Stderr);
        var hls = Assert.Single(outcome.StdoutLines);
        Assert.StartsWith(new Uri(_node.BaseAddress, $"media/{id}/").AbsoluteUri, hls, StringComparison.Ordinal);
        Assert.Equal("status: ready", outcome.StderrLines[^1]);
    }

    [Fact]
    public async Task Wait_on_a_refused_file_prints_the_failure_sentence_and_exits_1()
    {
        var id = await UploadAsync("alice", "plain text, not a video at all");

        var outcome = await RunAsync("alice", "videos", "wait", id, "--timeout", "120s");

        Assert.Equal(1, outcome.ExitCode);
        Assert.Empty(outcome.Stdout);
        Assert.StartsWith($"svctl videos wait: video {id} failed: ", outcome.StderrLines[^1], StringComparison.Ordinal);
        Assert.True(outcome.StderrLines[^1].Length > $"svctl videos wait: video {id} failed: ".Length + 10);
    }

    [Fact]
    public async Task Wait_gives_up_after_the_timeout_with_one_line_saying_how_to_wait_again()
    {
        await using var apiOnly = await InProcessNode.StartAsync(o => o["Node:Roles"] = "api");
        using var client = apiOnly.Client("alice");
        var path = _files.Combine("never.mp4");
        await File.WriteAllTextAsync(path, "never processed");
        var id = await VideoRequests.UploadAsync(client, path);

        var outcome = await CommandRunner.RunAsync(
            VideosCommand.Create(static _ => null),
            "videos", "wait", id, "--timeout", "1s", "--server", apiOnly.BaseAddress.AbsoluteUri, "--token", apiOnly.Token("alice"));

        Assert.Equal(1, outcome.ExitCode);
        Assert.Equal($"svctl videos wait: video {id} is still uploaded after 1 s; run: svctl videos wait {id}", outcome.StderrLines[^1]);
    }

    [Theory]
    [InlineData("svctl videos get: no video id given: svctl videos get ID", "videos", "get")]
    [InlineData("svctl videos wait: no video id given: svctl videos wait ID", "videos", "wait")]
    [InlineData("svctl videos get: 'a b' is not a video id (it contains spaces or control characters)", "videos", "get", "a b")]
    [InlineData("svctl videos get: '..' is not a video id", "videos", "get", "..")]
    [InlineData("svctl videos list: --limit '0' is not a whole number from 1 to 100", "videos", "list", "--limit", "0")]
    [InlineData("svctl videos list: --limit 'ten' is not a whole number from 1 to 100", "videos", "list", "--limit", "ten")]
    [InlineData("svctl videos list: --limit '101' is not a whole number from 1 to 100", "videos", "list", "--limit", "101")]
    [InlineData("svctl videos list: --limit '10000' is not a whole number from 1 to 100", "videos", "list", "--limit", "10000")]
    [InlineData("svctl videos wait: --timeout 'soon' is not a duration", "videos", "wait", "abc", "--timeout", "soon")]
    [InlineData("svctl videos list: invalid server URL 'ftp://x': use http://host:port", "videos", "list", "--server", "ftp://x")]
    public async Task Bad_input_is_one_line_and_exit_code_2(string expected, params string[] args)
    {
        var outcome = await CommandRunner.RunAsync(VideosCommand.Create(static _ => "some-token"), args);

        Assert.Equal(2, outcome.ExitCode);
        Assert.Empty(outcome.Stdout);
        Assert.StartsWith(expected, Assert.Single(outcome.StderrLines), StringComparison.Ordinal);
    }

    [Fact]
    public async Task No_token_says_where_to_get_one_and_SV_TOKEN_is_used_when_set()
    {
        var none = await CommandRunner.RunAsync(VideosCommand.Create(static _ => null), "videos", "list", "--server", _node.BaseAddress.AbsoluteUri);
        var fromEnvironment = await CommandRunner.RunAsync(
            VideosCommand.Create(name => name == "SV_TOKEN" ? _node.Token("carol") : null), "videos", "list", "--server", _node.BaseAddress.AbsoluteUri);

        Assert.Equal(2, none.ExitCode);
        Assert.StartsWith("svctl videos list: no token: pass --token or set SV_TOKEN", Assert.Single(none.StderrLines), StringComparison.Ordinal);
        Assert.Equal(0, fromEnvironment.ExitCode);
    }

    [Fact]
    public async Task A_node_that_is_not_running_is_named_with_a_hint_to_start_one()
    {
        var port = TusUploadClientTests.UnusedPort();

        var outcome = await CommandRunner.RunAsync(VideosCommand.Create(static _ => "t"), "videos", "list", "--server", $"http://127.0.0.1:{port}");

        Assert.Equal(1, outcome.ExitCode);
        Assert.Equal(
            $"svctl videos list: nothing answers at http://127.0.0.1:{port} (connection refused): is the node running? Start one with ./svctl up",
            Assert.Single(outcome.StderrLines));
    }

    [Fact]
    public async Task A_forged_token_is_one_line_saying_how_to_mint_one()
    {
        var outcome = await CommandRunner.RunAsync(
            VideosCommand.Create(static _ => null), "videos", "list", "--server", _node.BaseAddress.AbsoluteUri, "--token", "not.a.token");

        Assert.Equal(1, outcome.ExitCode);
        var line = Assert.Single(outcome.StderrLines);
        Assert.StartsWith("svctl videos list: the server refused the token (401: ", line, StringComparison.Ordinal);
        Assert.EndsWith("mint one with: ./svctl token --user NAME", line, StringComparison.Ordinal);
    }

    private Task<CommandOutcome> RunAsync(string user, params string[] args) =>
        CommandRunner.RunAsync(VideosCommand.Create(static _ => null), [.. args, "--server", _node.BaseAddress.AbsoluteUri, "--token", _node.Token(user)]);

    /// <summary>Uploads <paramref name="content"/> as <paramref name="user"/>; a pause keeps creation times apart (lists order by them).</summary>
    private async Task<string> UploadAsync(string user, string content, string? metadata = null)
    {
        var path = _files.Combine(Guid.NewGuid().ToString("N") + ".mp4");
        await File.WriteAllTextAsync(path, content);
        using var client = _node.Client(user);
        var id = await VideoRequests.UploadAsync(client, path, metadata);
        await Task.Delay(5);
        return id;
    }
}
