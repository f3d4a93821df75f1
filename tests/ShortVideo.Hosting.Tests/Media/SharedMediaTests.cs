using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ShortVideo.Testing;

namespace ShortVideo.Hosting.Tests.Media;

/// <summary>
/// Media is content-addressed like blobs: the same bytes are transcoded once and stored once, whoever uploads them and
/// however many at a time, and deleting one video keeps what the others still play.
/// </summary>
public sealed class SharedMediaTests : IAsyncLifetime
{
    private readonly TempDirectory _media = new("shared");
    private InProcessNode _node = null!;

    public async Task InitializeAsync() => _node = await InProcessNode.StartAsync();

    public async Task DisposeAsync()
    {
        await _node.DisposeAsync();
        _media.Dispose();
    }

    [Fact]
    public async Task Eight_users_uploading_one_file_at_once_share_one_transcode_and_one_stored_copy_of_its_media()
    {
        // Four transcodes may run at once, so the jobs of the copies meet the first one's running and must wait for it.
        await using var node = await InProcessNode.StartAsync(settings => settings["Media:Worker:Concurrency"] = "4");
        var clip = await TestClips.VideoAsync(_media.Path, "same.mp4", 320, 240, seconds: 2, audio: false);
        var clients = Enumerable.Range(0, 8).Select(i => node.Client($"user{i}")).ToList();
        try
        {
            var ids = await Task.WhenAll(clients.Select(client => VideoRequests.UploadAsync(client, clip)));
            var videos = await Task.WhenAll(clients.Select((client, i) => VideoRequests.WaitUntilProcessedAsync(client, ids[i])));

            Assert.All(videos, video => Assert.Equal("ready", video.GetProperty("status").GetString()));
            Assert.Equal(8, ids.Distinct().Count());
            var stored = Directory.GetDirectories(Path.Combine(node.DataDir, "media")).SelectMany(Directory.GetDirectories).ToList();
            Assert.Single(stored);
            foreach (var (client, video) in clients.Zip(videos))
            {
                using var master = await client.GetAsync(video.GetProperty("playback").GetProperty("hls").GetString());
                Assert.Equal(HttpStatusCode.OK, master.StatusCode);
            }
        }
        finally
        {
            clients.ForEach(client => client.Dispose());
        }
    }

    [Fact]
    public async Task A_copy_of_bytes_that_already_have_media_is_ready_as_soon_as_its_upload_completes()
    {
        var clip = await TestClips.VideoAsync(_media.Path, "again.mp4", 320, 240, seconds: 2, audio: false);
        using var alice = _node.Client("alice");
        using var bob = _node.Client("bob");
        var first = await VideoRequests.WaitUntilProcessedAsync(alice, await VideoRequests.UploadAsync(alice, clip));

        var copyId = await VideoRequests.UploadAsync(bob, clip);
        var copy = await bob.GetFromJsonAsync<JsonElement>($"api/v1/videos/{copyId}");

        Assert.Equal("ready", copy.GetProperty("status").GetString());
        Assert.Equal(first.GetProperty("durationMs").GetInt64(), copy.GetProperty("durationMs").GetInt64());
        using var master = await bob.GetAsync(copy.GetProperty("playback").GetProperty("hls").GetString());
        Assert.Equal(HttpStatusCode.OK, master.StatusCode);
    }

    [Fact]
    public async Task Deleting_one_video_keeps_the_media_and_bytes_its_copies_play_and_deleting_the_last_removes_them()
    {
        var clip = await TestClips.VideoAsync(_media.Path, "kept.mp4", 320, 240, seconds: 2, audio: false);
        using var alice = _node.Client("alice");
        using var bob = _node.Client("bob");
        var aliceId = await VideoRequests.UploadAsync(alice, clip);
        var original = await VideoRequests.WaitUntilProcessedAsync(alice, aliceId);
        var bobId = await VideoRequests.UploadAsync(bob, clip);
        var copy = await VideoRequests.WaitUntilProcessedAsync(bob, bobId);
        var blob = Path.Combine(_node.DataDir, "blobs", original.GetProperty("sha256").GetString()![..2]);

        Assert.Equal(HttpStatusCode.NotFound, (await bob.DeleteAsync($"api/v1/videos/{aliceId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await alice.DeleteAsync($"api/v1/videos/{aliceId}")).StatusCode);

        Assert.Equal(HttpStatusCode.NotFound, (await alice.GetAsync($"api/v1/videos/{aliceId}")).StatusCode);
        using (var master = await bob.GetAsync(copy.GetProperty("playback").GetProperty("hls").GetString()))
        {
            Assert.Equal(HttpStatusCode.OK, master.StatusCode);
        }

        Assert.NotEmpty(Directory.GetDirectories(Path.Combine(_node.DataDir, "media")));
        Assert.NotEmpty(Directory.GetFiles(blob, "*", SearchOption.AllDirectories));

        Assert.Equal(HttpStatusCode.NoContent, (await bob.DeleteAsync($"api/v1/videos/{bobId}")).StatusCode);
        Assert.Empty(Directory.GetDirectories(Path.Combine(_node.DataDir, "media")));
        Assert.Empty(Directory.GetFiles(blob, "*", SearchOption.AllDirectories));
        Assert.Equal(HttpStatusCode.NotFound, (await bob.DeleteAsync($"api/v1/videos/{bobId}")).StatusCode);
    }
}
