using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using ShortVideo.Hosting.Auth;
using ShortVideo.Testing;

namespace ShortVideo.Hosting.Tests.Media;

/// <summary>
/// A video's links to other videos (the near-duplicate it copies, the flag that its bytes were already stored) tell a
/// viewer only about videos they may see: a stranger's private original stays unknown, even to whoever uploads a
/// copy of it, until its owner makes it public. Moderators see every link.
/// </summary>
public sealed class VideoLinkPrivacyTests : IAsyncLifetime
{
    private readonly TempDirectory _media = new("links");
    private InProcessNode _node = null!;
    private HttpClient _alice = null!;
    private HttpClient _bob = null!;

    public async Task InitializeAsync()
    {
        _node = await InProcessNode.StartAsync();
        _alice = _node.Client("alice");
        _bob = _node.Client("bob");
    }

    public async Task DisposeAsync()
    {
        _alice.Dispose();
        _bob.Dispose();
        await _node.DisposeAsync();
        _media.Dispose();
    }

    [Fact]
    public async Task The_same_bytes_as_a_private_video_are_not_flagged_deduplicated_until_its_owner_makes_it_public()
    {
        var original = await TestClips.VideoAsync(_media.Path, "original.mp4", 320, 240, seconds: 2, audio: false);
        var privateId = await VideoRequests.UploadAsync(_alice, original, TusRequests.Metadata(("visibility", "private")));
        await VideoRequests.WaitUntilProcessedAsync(_alice, privateId);

        var copy = await VideoRequests.WaitUntilProcessedAsync(_bob, await VideoRequests.UploadAsync(_bob, original));
        var copyId = copy.GetProperty("id").GetString();

        Assert.False(copy.GetProperty("deduplicated").GetBoolean());
        Assert.DoesNotContain(privateId, copy.GetRawText(), StringComparison.Ordinal);
        using var moderator = Moderator();
        Assert.True((await moderator.GetFromJsonAsync<JsonElement>($"api/v1/videos/{copyId}")).GetProperty("deduplicated").GetBoolean());

        await MakePublicAsync(privateId);
        Assert.True((await _bob.GetFromJsonAsync<JsonElement>($"api/v1/videos/{copyId}")).GetProperty("deduplicated").GetBoolean());
    }

    [Fact]
    public async Task A_re_encode_of_a_private_video_does_not_name_it_as_its_near_duplicate_until_its_owner_makes_it_public()
    {
        var original = await TestClips.VideoAsync(_media.Path, "original.mp4", 480, 270, seconds: 3, audio: false);
        var reencode = Path.Combine(_media.Path, "reencode.mp4");
        await TestClips.FfmpegAsync(["-i", original, "-vf", "scale=320:180", "-c:v", "libx264", "-preset", "ultrafast", "-crf", "32", reencode]);
        var privateId = await VideoRequests.UploadAsync(_alice, original, TusRequests.Metadata(("visibility", "private")));
        await VideoRequests.WaitUntilProcessedAsync(_alice, privateId);

        var copy = await VideoRequests.WaitUntilProcessedAsync(_bob, await VideoRequests.UploadAsync(_bob, reencode));
        var copyId = copy.GetProperty("id").GetString();

        Assert.Equal(JsonValueKind.Null, copy.GetProperty("nearDuplicateOf").ValueKind);
        Assert.DoesNotContain(privateId, copy.GetRawText(), StringComparison.Ordinal);
        using var moderator = Moderator();
        Assert.Equal(privateId, (await moderator.GetFromJsonAsync<JsonElement>($"api/v1/videos/{copyId}")).GetProperty("nearDuplicateOf").GetString());

        await MakePublicAsync(privateId);
        Assert.Equal(privateId, (await _bob.GetFromJsonAsync<JsonElement>($"api/v1/videos/{copyId}")).GetProperty("nearDuplicateOf").GetString());
    }

    [Fact]
    public async Task An_owner_who_uploads_the_same_bytes_twice_sees_the_second_marked_deduplicated()
    {
        var clip = await TestClips.VideoAsync(_media.Path, "twice.mp4", 320, 240, seconds: 2, audio: false);
        await VideoRequests.UploadAsync(_alice, clip, TusRequests.Metadata(("visibility", "private")));

        var second = await VideoRequests.WaitUntilProcessedAsync(_alice, await VideoRequests.UploadAsync(_alice, clip));

        Assert.True(second.GetProperty("deduplicated").GetBoolean());
    }

    [Fact]
    public async Task Links_to_a_video_whose_creator_blocked_the_viewer_are_cut_until_the_block_is_lifted()
    {
        using var carol = _node.Client("carol");
        using var dave = _node.Client("dave");
        var original = await TestClips.VideoAsync(_media.Path, "blocked-original.mp4", 480, 270, seconds: 3, audio: false);
        var reencode = Path.Combine(_media.Path, "blocked-reencode.mp4");
        await TestClips.FfmpegAsync(["-i", original, "-vf", "scale=320:180", "-c:v", "libx264", "-preset", "ultrafast", "-crf", "32", reencode]);
        var originalId = await VideoRequests.UploadAsync(carol, original);
        await VideoRequests.WaitUntilProcessedAsync(carol, originalId);
        var copyId = (await VideoRequests.WaitUntilProcessedAsync(dave, await VideoRequests.UploadAsync(dave, reencode))).GetProperty("id").GetString();
        var sameBytesId = (await VideoRequests.WaitUntilProcessedAsync(dave, await VideoRequests.UploadAsync(dave, original))).GetProperty("id").GetString();
        Assert.Equal(originalId, (await dave.GetFromJsonAsync<JsonElement>($"api/v1/videos/{copyId}")).GetProperty("nearDuplicateOf").GetString());
        Assert.True((await dave.GetFromJsonAsync<JsonElement>($"api/v1/videos/{sameBytesId}")).GetProperty("deduplicated").GetBoolean());

        (await carol.PutAsync("api/v1/users/dave/block", null)).EnsureSuccessStatusCode();

        var copy = await dave.GetFromJsonAsync<JsonElement>($"api/v1/videos/{copyId}");
        var sameBytes = await dave.GetFromJsonAsync<JsonElement>($"api/v1/videos/{sameBytesId}");
        Assert.Equal(JsonValueKind.Null, copy.GetProperty("nearDuplicateOf").ValueKind);
        Assert.False(sameBytes.GetProperty("deduplicated").GetBoolean());
        Assert.DoesNotContain(originalId, copy.GetRawText() + sameBytes.GetRawText(), StringComparison.Ordinal);

        (await carol.DeleteAsync("api/v1/users/dave/block")).EnsureSuccessStatusCode();
        Assert.Equal(originalId, (await dave.GetFromJsonAsync<JsonElement>($"api/v1/videos/{copyId}")).GetProperty("nearDuplicateOf").GetString());
    }

    private async Task MakePublicAsync(string videoId)
    {
        using var made = await _alice.PatchAsJsonAsync($"api/v1/videos/{videoId}", new { visibility = "public" });
        made.EnsureSuccessStatusCode();
    }

    /// <summary>A client whose token, issued by the node, carries the moderator role.</summary>
    private HttpClient Moderator()
    {
        var client = _node.Client(user: null);
        var token = _node.App.Services.GetRequiredService<TokenIssuer>().Issue("mod", TimeSpan.FromMinutes(10), [ShortVideoRoles.Moderator]);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }
}
