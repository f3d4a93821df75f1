using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ShortVideo.Testing;

namespace ShortVideo.Hosting.Tests.Feeds;

/// <summary>
/// GET /api/v1/feed/following on a real node: follows made through the API fill it newest first, with items shaped
/// like every feed's; unfollow, block and privacy take videos off it; bad input is 400 problem+json.
/// </summary>
public sealed class FollowingFeedEndpointTests : IAsyncLifetime
{
    private readonly TempDirectory _clips = new("following");
    private InProcessNode _node = null!;
    private string _clip = null!;

    public async Task InitializeAsync()
    {
        _node = await InProcessNode.StartAsync(o =>
        {
            o["RateLimits:Follows:PermitLimit"] = "10000";
            o["Uploads:RateLimit:PermitLimit"] = "10000";
        });
        _clip = await TestClips.VideoAsync(_clips.Path, "clip.mp4", 320, 180, seconds: 2);
    }

    public async Task DisposeAsync()
    {
        await _node.DisposeAsync();
        _clips.Dispose();
    }

    [Fact]
    public async Task Videos_of_followed_creators_come_newest_first_with_handle_reason_and_prefetch_and_never_others()
    {
        using var fan = _node.Client("fan1");
        using var alice = _node.Client("alice1");
        using var carol = _node.Client("carol1");
        await FollowAsync(fan, "alice1");

        var first = await PublishAsync(alice, "first #one");
        var second = await PublishAsync(alice, "second #two");
        await PublishAsync(carol, "not followed");

        var page = await fan.GetFromJsonAsync<JsonElement>("api/v1/feed/following");

        Assert.Equal([second, first], Ids(page));
        var item = page.GetProperty("items")[0];
        Assert.Equal("following", item.GetProperty("reason").GetString());
        Assert.Equal("alice1", item.GetProperty("creator").GetProperty("handle").GetString());
        Assert.Equal(["two"], item.GetProperty("video").GetProperty("hashtags").EnumerateArray().Select(t => t.GetString()));
        using var prefetch = await fan.GetAsync(item.GetProperty("prefetch").GetProperty("url").GetString());
        Assert.Equal(HttpStatusCode.OK, prefetch.StatusCode);
    }

    [Fact]
    public async Task Pages_follow_the_cursor_and_another_users_or_a_forged_cursor_is_refused()
    {
        using var fan = _node.Client("fan2");
        using var other = _node.Client("other2");
        using var alice = _node.Client("alice2");
        await FollowAsync(fan, "alice2");
        await FollowAsync(other, "alice2");
        var published = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            published.Add(await PublishAsync(alice, $"clip {i}"));
        }

        var one = await fan.GetFromJsonAsync<JsonElement>("api/v1/feed/following?limit=2");
        var cursor = one.GetProperty("nextCursor").GetString()!;
        var two = await fan.GetFromJsonAsync<JsonElement>($"api/v1/feed/following?limit=2&cursor={Uri.EscapeDataString(cursor)}");

        Assert.Equal(Enumerable.Reverse(published), Ids(one).Concat(Ids(two)));
        Assert.Equal(JsonValueKind.Null, two.GetProperty("nextCursor").ValueKind);
        await AssertBadRequestAsync(other, $"api/v1/feed/following?cursor={Uri.EscapeDataString(cursor)}");
        await AssertBadRequestAsync(fan, "api/v1/feed/following?cursor=" + cursor[..^2] + "AA");
    }

    [Theory]
    [InlineData("limit=0")]
    [InlineData("limit=10000")]
    [InlineData("limit=-1")]
    [InlineData("limit=abc")]
    [InlineData("limit=1&limit=2")]
    [InlineData("cursor=")]
    [InlineData("cursor=%22%3B--")]
    public async Task Bad_limits_and_cursors_are_400_problems(string query)
    {
        using var fan = _node.Client("fan3");

        await AssertBadRequestAsync(fan, "api/v1/feed/following?" + query);
    }

    [Fact]
    public async Task Without_a_token_the_feed_is_401()
    {
        using var anonymous = _node.Client(user: null);

        using var response = await anonymous.GetAsync("api/v1/feed/following");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Unfollow_block_privacy_and_deletion_take_videos_off_the_feed_at_once()
    {
        using var fan = _node.Client("fan4");
        using var alice = _node.Client("alice4");
        using var bob = _node.Client("bob4");
        await FollowAsync(fan, "alice4");
        await FollowAsync(fan, "bob4");
        var fromAlice = await PublishAsync(alice, "alice");
        var fromBob = await PublishAsync(bob, "bob");
        var madePrivate = await PublishAsync(bob, "soon private");
        var deleted = await PublishAsync(bob, "soon deleted");
        Assert.Equal([deleted, madePrivate, fromBob, fromAlice], Ids(await fan.GetFromJsonAsync<JsonElement>("api/v1/feed/following")));

        using (var patch = await bob.PatchAsJsonAsync($"api/v1/videos/{madePrivate}", new { visibility = "private" }))
        {
            Assert.Equal(HttpStatusCode.OK, patch.StatusCode);
        }

        using (var delete = await bob.DeleteAsync($"api/v1/videos/{deleted}"))
        {
            Assert.Equal(HttpStatusCode.NoContent, delete.StatusCode);
        }

        Assert.Equal([fromBob, fromAlice], Ids(await fan.GetFromJsonAsync<JsonElement>("api/v1/feed/following")));

        using (var unfollow = await fan.DeleteAsync("api/v1/users/alice4/follow"))
        {
            Assert.True(unfollow.IsSuccessStatusCode);
        }

        Assert.Equal([fromBob], Ids(await fan.GetFromJsonAsync<JsonElement>("api/v1/feed/following")));

        using (var block = await bob.PutAsync("api/v1/users/fan4/block", null))
        {
            Assert.True(block.IsSuccessStatusCode);
        }

        Assert.Empty(Ids(await fan.GetFromJsonAsync<JsonElement>("api/v1/feed/following")));
    }

    private async Task<string> PublishAsync(HttpClient creator, string caption)
    {
        var id = await VideoRequests.UploadAsync(creator, _clip, TusRequests.Metadata(("caption", caption)));
        Assert.Equal("ready", (await VideoRequests.WaitUntilProcessedAsync(creator, id)).GetProperty("status").GetString());
        return id;
    }

    private async Task FollowAsync(HttpClient follower, string followee)
    {
        // A user exists from their first authenticated request.
        using (var followeeClient = _node.Client(followee))
        using (var me = await followeeClient.GetAsync("api/v1/me"))
        {
            Assert.Equal(HttpStatusCode.OK, me.StatusCode);
        }

        using var response = await follower.PutAsync($"api/v1/users/{followee}/follow", null);
        Assert.True(response.IsSuccessStatusCode, $"follow {followee}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    private static async Task AssertBadRequestAsync(HttpClient client, string url)
    {
        using var response = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    private static List<string> Ids(JsonElement page) =>
        [.. page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("video").GetProperty("id").GetString()!)];
}
