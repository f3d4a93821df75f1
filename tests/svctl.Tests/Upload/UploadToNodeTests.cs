using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ShortVideo.Cli.Commands;
using ShortVideo.Testing;

namespace svctl.Tests.Upload;

/// <summary>svctl upload against a real node: visibility, deduplicated, --wait to ready or failed.</summary>
public sealed class UploadToNodeTests : IAsyncLifetime
{
    private readonly UploadTestFiles _files = new();
    private InProcessNode _node = null!;

    public async Task InitializeAsync() => _node = await InProcessNode.StartAsync();

    public async Task DisposeAsync()
    {
        await _node.DisposeAsync();
        _files.Dispose();
    }

    [Theory]
    [InlineData("--private")]
    [InlineData("--visibility", "private")]
    [InlineData("--visibility", "PRIVATE")]
    public async Task Private_uploads_a_video_only_its_creator_can_see(params string[] flags)
    {
        var source = _files.CreateSource("secret.mp4", 4096);

        var outcome = await UploadAsync(source, flags);

        Assert.Equal(0, outcome.ExitCode);
        var id = outcome.StdoutLines[^1];
        using var alice = _node.Client("alice");
        using var bob = _node.Client("bob");
        Assert.Equal("private", (await alice.GetFromJsonAsync<JsonElement>($"api/v1/videos/{id}")).GetProperty("visibility").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await bob.GetAsync($"api/v1/videos/{id}")).StatusCode);
    }

    [Theory]
    [InlineData("invalid visibility 'friends': use public or private", "--visibility", "friends")]
    [InlineData("--private and --visibility public contradict each other", "--private", "--visibility", "public")]
    public async Task An_unknown_or_contradictory_visibility_is_refused_before_anything_is_sent(string expected, params string[] flags)
    {
        var source = _files.CreateSource("clip.mp4", 4096);

        var outcome = await UploadAsync(source, flags);

        Assert.Equal(2, outcome.ExitCode);
        Assert.Contains(expected, Assert.Single(outcome.StderrLines), StringComparison.Ordinal);
        Assert.Empty(_files.StateFiles());
    }

    [Fact]
    public async Task The_second_upload_of_the_same_bytes_says_deduplicated_in_text_and_in_json()
    {
        var source = _files.CreateSource("clip.mp4", 8192);

        var first = await UploadAsync(source);
        var second = await UploadAsync(source);
        var third = await UploadAsync(source, "--json");

        Assert.Contains("deduplicated: no", first.StderrLines);
        Assert.Contains(second.StderrLines, l => l.StartsWith("deduplicated: yes (the node already had these bytes", StringComparison.Ordinal));
        using var json = JsonDocument.Parse(Assert.Single(third.StdoutLines));
        Assert.True(json.RootElement.GetProperty("deduplicated").GetBoolean());
        Assert.Equal("public", json.RootElement.GetProperty("visibility").GetString());
        Assert.NotEqual(second.StdoutLines[^1], json.RootElement.GetProperty("videoId").GetString());
    }

    [Fact]
    public async Task Wait_follows_processing_and_prints_the_hls_url_under_the_id()
    {
        var clip = await TestClips.VideoAsync(_files.Root, "clip.mp4", 320, 240, seconds: 2);

        var outcome = await UploadAsync(clip, "--wait", "--timeout", "120s");

        Assert.True(outcome.ExitCode == 0, outcome.Stderr);
        Assert.Equal(2, outcome.StdoutLines.Length);
        var id = outcome.StdoutLines[0];
        Assert.StartsWith(new Uri(_node.BaseAddress, $"media/{id}/").AbsoluteUri, outcome.StdoutLines[1], StringComparison.Ordinal);
        Assert.EndsWith("/master.m3u8", outcome.StdoutLines[1], StringComparison.Ordinal);
        Assert.Contains("status: ready", outcome.StderrLines);
    }

    [Fact]
    public async Task Wait_on_a_file_that_is_not_a_video_prints_the_nodes_sentence_and_exits_1()
    {
        var text = Path.Combine(_files.Root, "notes.mp4");
        await File.WriteAllTextAsync(text, "this is not a video, only text pretending to be one");

        var outcome = await UploadAsync(text, "--wait", "--json");

        Assert.Equal(1, outcome.ExitCode);
        using var json = JsonDocument.Parse(Assert.Single(outcome.StdoutLines));
        Assert.Equal("failed", json.RootElement.GetProperty("status").GetString());
        var error = json.RootElement.GetProperty("error").GetString()!;
        Assert.False(string.IsNullOrWhiteSpace(error));
        Assert.Contains(outcome.StderrLines, l => l.StartsWith("svctl upload: video ", StringComparison.Ordinal) && l.EndsWith("failed: " + error, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_rerun_with_private_after_an_interrupted_public_upload_starts_a_new_private_upload()
    {
        var source = _files.CreateSource("clip.mp4", 3 * 1024 * 1024);
        using (var cancel = new CancellationTokenSource())
        {
            // The first run is stopped after its first chunk: a public upload, resumable from its saved state.
            var options = Options() with { ChunkSize = 1024 * 1024 };
            using var client = new ShortVideo.Cli.Upload.TusUploadClient(options);
            var progress = new Progress(p =>
            {
                if (p.BytesUploaded > 0)
                {
                    cancel.Cancel();
                }
            });
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.UploadFileAsync(source, progress, cancel.Token));
        }

        Assert.Single(_files.StateFiles());

        var outcome = await UploadAsync(source, "--private");

        Assert.Equal(0, outcome.ExitCode);
        Assert.Contains("the previous upload of clip.mp4 was public; starting a new private one", outcome.StderrLines);
        using var alice = _node.Client("alice");
        var video = await alice.GetFromJsonAsync<JsonElement>($"api/v1/videos/{outcome.StdoutLines[^1]}");
        Assert.Equal("private", video.GetProperty("visibility").GetString());
    }

    private ShortVideo.Cli.Upload.TusUploadOptions Options() => TusUploadClientTests.FastRetry(new()
    {
        Endpoint = new Uri(_node.BaseAddress, "api/v1/uploads"),
        Token = _node.Token("alice"),
        StateDirectory = _files.StateDirectory,
    });

    private Task<CommandOutcome> UploadAsync(string source, params string[] flags)
    {
        var command = UploadCommand.Create(
            o => TusUploadClientTests.FastRetry(o with { StateDirectory = _files.StateDirectory }, attempts: 3),
            static _ => null);
        return CommandRunner.RunAsync(command, ["upload", source, "--server", _node.BaseAddress.AbsoluteUri, "--token", _node.Token("alice"), .. flags]);
    }

    /// <summary>Synchronous, so the cancellation lands between two chunks.</summary>
    private sealed class Progress(Action<ShortVideo.Cli.Upload.UploadProgress> onReport) : IProgress<ShortVideo.Cli.Upload.UploadProgress>
    {
        public void Report(ShortVideo.Cli.Upload.UploadProgress value) => onReport(value);
    }
}
