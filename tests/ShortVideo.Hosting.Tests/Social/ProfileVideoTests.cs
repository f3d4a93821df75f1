using System.Net;
using ShortVideo.Hosting.Tests.Auth;
using ShortVideo.Testing;
using static ShortVideo.Hosting.Tests.Social.SocialNode;

namespace ShortVideo.Hosting.Tests.Social;

/// <summary>
/// What needs ready videos (the media role, one tiny clip transcoded once and its copies sharing the media): avatars,
/// a profile's public video list, and deletion making likes, comments and counts forget the video.
/// </summary>
public sealed class ProfileVideoTests : IAsyncLifetime
{
    private readonly TempDirectory _media = new("profile-videos");
    private InProcessNode _node = null!;
    private string _clip = null!;

    public async Task InitializeAsync()
    {
        _node = await InProcessNode.StartAsync(o => o["Uploads:RateLimit:PermitLimit"] = "1000");
        _clip = await TestClips.VideoAsync(_media.Path, "tiny.mp4", 160, 90, seconds: 1, audio: false);
    }

    public async Task DisposeAsync()
    {
        await _node.DisposeAsync();
        _media.Dispose();
    }

    [Fact]
    public async Task An_avatar_is_the_poster_of_an_own_ready_public_video_and_goes_when_the_video_is_deleted()
    {
        using var owner = _node.Client("av-owner");
        using var viewer = _node.Client("av-viewer");
        var video = await ReadyAsync(owner);

        var patched = await OkAsync(owner, HttpMethod.Patch, "api/v1/me", new { avatarVideoId = video });
        var seen = await GetAsync(viewer, "api/v1/users/av-owner");
        var avatarUrl = seen.GetProperty("avatarUrl").GetString()!;
        using var poster = await viewer.GetAsync(avatarUrl);

        Assert.Equal(avatarUrl, patched.GetProperty("avatarUrl").GetString());
        Assert.Contains($"/media/{video}/", avatarUrl, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, poster.StatusCode);
        using var deleted = await SendAsync(owner, HttpMethod.Delete, $"api/v1/videos/{video}");
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal(System.Text.Json.JsonValueKind.Null, (await GetAsync(viewer, "api/v1/users/av-owner")).GetProperty("avatarUrl").ValueKind);
    }

    [Fact]
    public async Task An_avatar_video_made_private_stops_being_shown_as_the_avatar()
    {
        using var owner = _node.Client("avp-owner");
        using var viewer = _node.Client("avp-viewer");
        var video = await ReadyAsync(owner);
        await OkAsync(owner, HttpMethod.Patch, "api/v1/me", new { avatarVideoId = video });

        await OkAsync(owner, HttpMethod.Patch, $"api/v1/videos/{video}", new { visibility = "private" });

        var seen = await GetAsync(viewer, "api/v1/users/avp-owner");
        Assert.Equal(System.Text.Json.JsonValueKind.Null, seen.GetProperty("avatarUrl").ValueKind);
        Assert.DoesNotContain(video, seen.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Others_see_the_ready_public_videos_of_a_profile_and_never_a_private_one()
    {
        using var owner = _node.Client("pv-owner");
        using var viewer = _node.Client("pv-viewer");
        var shown = await ReadyAsync(owner);
        var hidden = await ReadyAsync(owner, isPrivate: true);

        var others = await GetAsync(viewer, "api/v1/users/pv-owner/videos?limit=1");
        var own = await GetAsync(owner, "api/v1/users/pv-owner/videos");

        Assert.Equal([shown], VideoIds(others));
        Assert.Equal(System.Text.Json.JsonValueKind.Null, others.GetProperty("nextCursor").ValueKind);
        Assert.DoesNotContain(hidden, others.GetRawText(), StringComparison.Ordinal);
        Assert.Equal([hidden, shown], VideoIds(own));
    }

    [Fact]
    public async Task Deleting_a_video_makes_its_likes_comments_and_the_creators_like_count_forget_it()
    {
        using var creator = _node.Client("del-v-creator");
        using var fan = _node.Client("del-v-fan");
        var doomed = await ReadyAsync(creator);
        var kept = await ReadyAsync(creator);
        await OkAsync(fan, HttpMethod.Put, $"api/v1/videos/{doomed}/like");
        await OkAsync(fan, HttpMethod.Put, $"api/v1/videos/{kept}/like");
        var comment = (await OkAsync(fan, HttpMethod.Post, $"api/v1/videos/{doomed}/comments", new { text = "bye" })).GetProperty("id").GetString();
        Assert.Equal(2, (await GetAsync(fan, "api/v1/users/del-v-creator")).GetProperty("likeCount").GetInt64());

        using var deleted = await SendAsync(creator, HttpMethod.Delete, $"api/v1/videos/{doomed}");

        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal(1, (await GetAsync(fan, "api/v1/users/del-v-creator")).GetProperty("likeCount").GetInt64());
        using var replies = await fan.GetAsync($"api/v1/comments/{comment}/replies");
        await ProblemAssert.IsProblemAsync(replies, HttpStatusCode.NotFound);
        await using var db = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Path.Combine(_node.DataDir, "shortvideo.db")};Mode=ReadOnly");
        await db.OpenAsync();
        foreach (var table in (string[])["likes", "comments", "video_counters", "watch_history", "not_interested", "shares"])
        {
            await using var count = db.CreateCommand();
            count.CommandText = $"SELECT COUNT(*) FROM {table} WHERE video_id = $id";
            count.Parameters.AddWithValue("$id", doomed);
            Assert.Equal(0L, (long)(await count.ExecuteScalarAsync())!);
        }
    }

    private async Task<string> ReadyAsync(HttpClient client, bool isPrivate = false)
    {
        var id = await VideoRequests.UploadAsync(client, _clip, isPrivate ? TusRequests.Metadata(("visibility", "private")) : null);
        var video = await VideoRequests.WaitUntilProcessedAsync(client, id);
        Assert.Equal("ready", video.GetProperty("status").GetString());
        return id;
    }
}
