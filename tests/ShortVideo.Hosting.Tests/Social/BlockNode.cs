using System.Text.Json;
using ShortVideo.Testing;

namespace ShortVideo.Hosting.Tests.Social;

/// <summary>
/// A whole node (api and media roles) with one ready, public video of <see cref="CreatorId"/> (also their avatar) and one comment on it,
/// shared by a test class; each test brings its own viewers. Write limits are raised so tests measure the block rule.
/// </summary>
public sealed class BlockNode : IAsyncLifetime
{
    public const string CreatorId = "blk-creator";

    private readonly TempDirectory _files = new("blocks");

    public InProcessNode Node { get; private set; } = null!;

    public HttpClient Creator { get; private set; } = null!;

    /// <summary>The video as its creator sees it (GET /api/v1/videos/{id}).</summary>
    public JsonElement Video { get; private set; }

    public string VideoId => Video.GetProperty("id").GetString()!;

    /// <summary>The creator's comment on the video (for /comments/{id}/replies).</summary>
    public string CommentId { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Node = await InProcessNode.StartAsync(o =>
        {
            foreach (var section in (string[])["Uploads:RateLimit", "RateLimits:Events", "RateLimits:Likes", "RateLimits:Comments", "RateLimits:Follows"])
            {
                o[section + ":PermitLimit"] = "100000";
            }
        });
        Creator = Node.Client(CreatorId);
        var clip = await TestClips.VideoAsync(_files.Path, "clip.mp4", 320, 240, seconds: 2, audio: false);
        Video = await VideoRequests.WaitUntilProcessedAsync(Creator, await VideoRequests.UploadAsync(Creator, clip));
        Assert.Equal("ready", Video.GetProperty("status").GetString());
        CommentId = (await SocialNode.OkAsync(Creator, HttpMethod.Post, $"api/v1/videos/{VideoId}/comments", new { text = "first" }))
            .GetProperty("id").GetString()!;
        await SocialNode.OkAsync(Creator, HttpMethod.Patch, "api/v1/me", new { avatarVideoId = VideoId });
    }

    public async Task DisposeAsync()
    {
        Creator.Dispose();
        await Node.DisposeAsync();
        _files.Dispose();
    }
}
