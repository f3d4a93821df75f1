using System.Text.Json;
using ShortVideo.Testing;

namespace ShortVideo.Hosting.Tests.Feeds;

/// <summary>
/// One node for a test class with generous write limits, and one tiny clip: the first upload transcodes it, later
/// uploads of the same bytes are ready at once, so tests publish the videos they need cheaply.
/// </summary>
public sealed class FeedNode : IAsyncLifetime
{
    private readonly TempDirectory _clips = new("feed-node");
    private string _clip = null!;

    public InProcessNode Node { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Node = await InProcessNode.StartAsync(o =>
        {
            o["RateLimits:Follows:PermitLimit"] = "10000";
            o["Uploads:RateLimit:PermitLimit"] = "10000";

            // Pages wait for the following source however loaded the machine: tests assert its items on first pages.
            o["Feed:ForYou:FollowingWait"] = "00:00:30";
        });
        _clip = await TestClips.VideoAsync(_clips.Path, "clip.mp4", 320, 180, seconds: 1, audio: false);
    }

    public async Task DisposeAsync()
    {
        await Node.DisposeAsync();
        _clips.Dispose();
    }

    /// <summary>Uploads the clip as <paramref name="client"/>'s user; returns its id once ready.</summary>
    public async Task<string> PublishAsync(HttpClient client, string caption)
    {
        var id = await VideoRequests.UploadAsync(client, _clip, TusRequests.Metadata(("caption", caption)));
        var video = await VideoRequests.WaitUntilProcessedAsync(client, id);
        Assert.Equal("ready", video.GetProperty("status").GetString());
        return id;
    }

    /// <summary>The one item of a list for <paramref name="videoId"/> (every list of videos has the feed item shape).</summary>
    public static JsonElement Find(JsonElement page, string videoId) =>
        Assert.Single(page.GetProperty("items").EnumerateArray(), i => i.GetProperty("video").GetProperty("id").GetString() == videoId);
}
