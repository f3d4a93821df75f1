using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ShortVideo.Hosting.Node;
using ShortVideo.Testing;

namespace ShortVideo.Hosting.Tests.Node;

/// <summary>
/// A node with Metadata:Provider=Postgres on a real PostgreSQL database: the whole viewer's platform over HTTP, nothing
/// of it in a metadata file of the data directory, a second node on the same database sees the first one's writes,
/// and bad settings stop the node with one sentence naming the key.
/// </summary>
public sealed class PostgresNodeTests : IAsyncLifetime
{
    private readonly TempDirectory _clips = new("pg-node");
    private MetadataEngine _engine = null!;
    private string _clip = null!;

    public async Task InitializeAsync()
    {
        _engine = await MetadataEngine.CreateAsync(MetadataEngineKind.Postgres);
        _clip = await TestClips.VideoAsync(_clips.Path, "clip.mp4", 320, 180, seconds: 2);
    }

    public async Task DisposeAsync()
    {
        await _engine.DisposeAsync();
        _clips.Dispose();
    }

    [Fact]
    public async Task Upload_transcode_like_comment_follow_feeds_and_search_work_on_postgres_and_no_metadata_file_is_written()
    {
        await using var node = await StartAsync();
        using var alice = node.Client("alice");
        using var bob = node.Client("bob");
        Assert.Equal(HttpStatusCode.OK, (await alice.GetAsync("api/v1/me")).StatusCode);
        using (var follow = await bob.PutAsync("api/v1/users/alice/follow", null))
        {
            Assert.Equal(HttpStatusCode.OK, follow.StatusCode);
        }

        var id = await VideoRequests.UploadAsync(alice, _clip, TusRequests.Metadata(("caption", "pelicans at dawn #birds")));
        var video = await VideoRequests.WaitUntilProcessedAsync(alice, id);
        Assert.Equal("ready", video.GetProperty("status").GetString());
        using (var playlist = await bob.GetAsync(video.GetProperty("playback").GetProperty("hls").GetString()))
        {
            Assert.Equal(HttpStatusCode.OK, playlist.StatusCode);
        }

        using (var like = await bob.PutAsync($"api/v1/videos/{id}/like", null))
        {
            Assert.True(like.IsSuccessStatusCode, await like.Content.ReadAsStringAsync());
        }

        using (var comment = await bob.PostAsJsonAsync($"api/v1/videos/{id}/comments", new { text = "lovely" }))
        {
            Assert.Equal(HttpStatusCode.Created, comment.StatusCode);
        }

        var following = await bob.GetFromJsonAsync<JsonElement>("api/v1/feed/following");
        var item = Assert.Single(following.GetProperty("items").EnumerateArray());
        Assert.Equal(id, item.GetProperty("video").GetProperty("id").GetString());
        Assert.True(item.GetProperty("likedByMe").GetBoolean());
        Assert.True(item.GetProperty("creator").GetProperty("followedByMe").GetBoolean());

        var forYou = await bob.GetFromJsonAsync<JsonElement>("api/v1/feed/for-you");
        Assert.Contains(id, forYou.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("video").GetProperty("id").GetString()));
        var found = await bob.GetFromJsonAsync<JsonElement>("api/v1/search?q=pelic&type=videos");
        Assert.Contains(id, found.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("video").GetProperty("id").GetString()));
        var comments = await alice.GetFromJsonAsync<JsonElement>($"api/v1/videos/{id}/comments");
        Assert.Equal("lovely", comments.GetProperty("items")[0].GetProperty("text").GetString());

        Assert.False(File.Exists(Path.Combine(_engine.DataDirectory, "shortvideo.db")), "a Postgres node wrote a SQLite metadata file");
    }

    [Fact]
    public async Task A_second_node_on_the_same_database_reads_the_first_nodes_video_and_counts_its_follow_within_2_s_and_a_restart_keeps_them()
    {
        string id;
        await using (var first = await StartAsync())
        {
            using var alice = first.Client("alice");
            using var bob = first.Client("bob");
            Assert.Equal(HttpStatusCode.OK, (await alice.GetAsync("api/v1/me")).StatusCode);
            id = await VideoRequests.UploadAsync(alice, _clip, TusRequests.Metadata(("caption", "two nodes")));
            Assert.Equal("ready", (await VideoRequests.WaitUntilProcessedAsync(alice, id)).GetProperty("status").GetString());
            Assert.True((await bob.PutAsync($"api/v1/videos/{id}/like", null)).IsSuccessStatusCode);
            Assert.True((await bob.PutAsync("api/v1/users/alice/follow", null)).IsSuccessStatusCode);

            await using var second = await StartAsync(o => o[NodeRoles.Key] = "api");
            using var carol = second.Client("carol");
            var seen = await carol.GetFromJsonAsync<JsonElement>($"api/v1/videos/{id}");
            Assert.Equal("ready", seen.GetProperty("status").GetString());

            // Counters are batched on the node that took the write and flushed within a second: another node sees
            // the follow counted within 2 s (the bound), not at once.
            var deadline = DateTime.UtcNow.AddSeconds(2);
            int followers;
            while ((followers = (await carol.GetFromJsonAsync<JsonElement>("api/v1/users/alice")).GetProperty("followerCount").GetInt32()) != 1
                && DateTime.UtcNow < deadline)
            {
                await Task.Delay(50);
            }

            Assert.Equal(1, followers);
        }

        await using var restarted = await StartAsync();
        using var bobAgain = restarted.Client("bob");
        var page = await bobAgain.GetFromJsonAsync<JsonElement>("api/v1/feed/following");
        var item = Assert.Single(page.GetProperty("items").EnumerateArray());
        Assert.Equal(id, item.GetProperty("video").GetProperty("id").GetString());
        Assert.True(item.GetProperty("likedByMe").GetBoolean());
        Assert.Equal(1, item.GetProperty("counts").GetProperty("likes").GetInt32());
    }

    [Fact]
    public void An_unknown_metadata_provider_stops_the_node_with_a_sentence_naming_the_key_and_the_choices()
    {
        var error = Assert.Throws<InvalidOperationException>(() => Build(o => o["Metadata:Provider"] = "Oracle"));

        Assert.Equal("Metadata:Provider 'Oracle' is not known; use Sqlite or Postgres.", error.Message);
    }

    [Fact]
    public void Postgres_without_a_connection_string_stops_the_node_with_a_sentence_naming_the_key()
    {
        var error = Assert.ThrowsAny<Exception>(() => Build(o => o["Metadata:Provider"] = "Postgres"));

        Assert.Contains("Metadata:Postgres:ConnectionString", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unreachable_postgres_stops_the_node_with_one_sentence_naming_the_server()
    {
        var port = FreePort.Next();
        var error = Assert.ThrowsAny<Exception>(() => Build(o =>
        {
            o["Metadata:Provider"] = "Postgres";
            o["Metadata:Postgres:ConnectionString"] = $"Host=127.0.0.1;Port={port};Username=x;Password=y;Database=z;Timeout=3";
        }));

        Assert.Contains($"127.0.0.1:{port}", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("\n", error.Message, StringComparison.Ordinal);
    }

    private Task<InProcessNode> StartAsync(Action<IDictionary<string, string?>>? configure = null) =>
        InProcessNode.StartAsync(
            o =>
            {
                foreach (var (key, value) in _engine.NodeSettings())
                {
                    o[key] = value;
                }

                o["Uploads:RateLimit:PermitLimit"] = "10000";
                configure?.Invoke(o);
            },
            _engine.DataDirectory);

    private void Build(Action<IDictionary<string, string?>> configure)
    {
        var options = new NodeStartOptions { DataDir = _engine.DataDirectory, Urls = "http://127.0.0.1:0", ContentRoot = _engine.DataDirectory };
        configure(options.Overrides);
        using var app = ShortVideoNode.Build(options);
    }
}
