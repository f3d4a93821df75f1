using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ShortVideo.Hosting.Node;
using ShortVideo.Testing;

namespace ShortVideo.Hosting.Tests.Media;

/// <summary>
/// Node:Roles splits the all-in-one node: an api node queues transcodes it never runs; a media node on the
/// same data directory runs them; the video becomes ready as seen through the api node.
/// </summary>
public sealed class NodeRolesTests
{
    [Fact]
    public async Task An_api_node_queues_the_transcode_and_a_media_node_on_the_same_data_runs_it()
    {
        using var data = new TempDirectory("roles");
        using var clips = new TempDirectory("roles-clips");
        await using var api = await InProcessNode.StartAsync(o => o["Node:Roles"] = "api", dataDir: data.Path);
        using var alice = api.Client("alice");
        var id = await VideoRequests.UploadAsync(alice, await TestClips.VideoAsync(clips.Path, "clip.mp4", 320, 180, seconds: 2));

        await Task.Delay(1500);
        Assert.Equal("uploaded", (await alice.GetFromJsonAsync<JsonElement>($"api/v1/videos/{id}")).GetProperty("status").GetString());

        await using var media = await InProcessNode.StartAsync(o => o["Node:Roles"] = "media", dataDir: data.Path);
        var video = await VideoRequests.WaitUntilProcessedAsync(alice, id);
        Assert.Equal("ready", video.GetProperty("status").GetString());

        // The media node serves no API.
        using var direct = media.Client("alice");
        Assert.Equal(HttpStatusCode.NotFound, (await direct.GetAsync($"api/v1/videos/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await direct.GetAsync("healthz")).StatusCode);
    }

    [Fact]
    public void An_unknown_role_stops_the_node_with_a_sentence_naming_it()
    {
        var dataDir = Directory.CreateTempSubdirectory("sv-roles-").FullName;
        try
        {
            var options = new NodeStartOptions { DataDir = dataDir, Urls = "http://127.0.0.1:0", ContentRoot = dataDir };
            options.Overrides["Node:Roles"] = "api,transcoder";
            var error = Assert.Throws<InvalidOperationException>(() => ShortVideoNode.Build(options));
            Assert.Equal("Node:Roles has an unknown role 'transcoder'; use api, media, ranking, all (comma-separated) or gateway.", error.Message);
        }
        finally
        {
            Directory.Delete(dataDir, recursive: true);
        }
    }
}
