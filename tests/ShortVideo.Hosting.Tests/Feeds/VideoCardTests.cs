using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ShortVideo.Testing;

namespace ShortVideo.Hosting.Tests.Feeds;

/// <summary>
/// Every list of videos a viewer gets (For You, Following, search, hashtag pages, trending, a profile's videos) on a
/// real node: one item shape, hydrated with the creator's profile, exact counts and the viewer's own likes and follows
/// at once; creators blocked either way never listed.
/// </summary>
public sealed class VideoCardTests(FeedNode fixture) : IClassFixture<FeedNode>
{
    private readonly InProcessNode _node = fixture.Node;

    [Fact]
    public async Task Every_list_shows_one_item_shape_with_the_creators_profile_and_the_viewers_like_and_follow_at_once()
    {
        using var maker = _node.Client("card-maker");
        using var fan = _node.Client("card-fan");
        var video = await fixture.PublishAsync(maker, "cardwave sunrise #cardtag");
        await SendAsync(maker, HttpMethod.Patch, "api/v1/me", new { displayName = "Card Maker", avatarVideoId = video });

        var before = FeedNode.Find(await GetAsync(fan, "api/v1/search?q=cardwave"), video);
        Assert.False(before.GetProperty("likedByMe").GetBoolean());
        Assert.False(before.GetProperty("creator").GetProperty("followedByMe").GetBoolean());
        Assert.Equal(0, before.GetProperty("counts").GetProperty("likes").GetInt64());

        await SendAsync(fan, HttpMethod.Put, $"api/v1/videos/{video}/like");
        await SendAsync(fan, HttpMethod.Put, "api/v1/users/card-maker/follow");

        foreach (var list in (string[])["api/v1/feed/for-you?limit=50", "api/v1/feed/following", "api/v1/search?q=cardwave&type=videos",
                     "api/v1/hashtags/cardtag/videos", "api/v1/trending/videos?limit=100", "api/v1/users/card-maker/videos"])
        {
            var item = FeedNode.Find(await GetAsync(fan, list), video);
            var creator = item.GetProperty("creator");
            Assert.Equal("card-maker", creator.GetProperty("id").GetString());
            Assert.Equal("card_maker", creator.GetProperty("handle").GetString()); // derived from the id on first request
            Assert.Equal("Card Maker", creator.GetProperty("displayName").GetString());
            Assert.True(creator.GetProperty("followedByMe").GetBoolean(), list);
            Assert.True(item.GetProperty("likedByMe").GetBoolean(), list);
            var counts = item.GetProperty("counts");
            Assert.Equal(1, counts.GetProperty("likes").GetInt64());
            Assert.Equal(0, counts.GetProperty("comments").GetInt64());
            Assert.Equal(0, counts.GetProperty("shares").GetInt64());
            Assert.Equal(0, counts.GetProperty("views").GetInt64());
            Assert.Equal(["cardtag"], item.GetProperty("video").GetProperty("hashtags").EnumerateArray().Select(t => t.GetString()));
            Assert.Equal(list.Contains("/feed/", StringComparison.Ordinal), item.GetProperty("reason").ValueKind == JsonValueKind.String);
            using var avatar = await fan.GetAsync(creator.GetProperty("avatar").GetString());
            using var playlist = await fan.GetAsync(item.GetProperty("video").GetProperty("playback").GetProperty("hls").GetString());
            Assert.Equal(HttpStatusCode.OK, avatar.StatusCode);
            Assert.Equal(HttpStatusCode.OK, playlist.StatusCode);
        }

        // The maker's own view of the same card: they do not like or follow themselves.
        var own = FeedNode.Find(await GetAsync(maker, "api/v1/search?q=cardwave"), video);
        Assert.False(own.GetProperty("likedByMe").GetBoolean());
        Assert.False(own.GetProperty("creator").GetProperty("followedByMe").GetBoolean());
        Assert.Equal(1, own.GetProperty("counts").GetProperty("likes").GetInt64());
    }

    [Fact]
    public async Task A_creator_blocked_either_way_is_absent_from_search_hashtag_and_trending_lists()
    {
        using var maker = _node.Client("blk-maker");
        using var blocker = _node.Client("blk-blocker");
        using var victim = _node.Client("blk-victim");
        using var bystander = _node.Client("blk-bystander");
        var video = await fixture.PublishAsync(maker, "blockwave harbour #blocktag");
        await SendAsync(bystander, HttpMethod.Put, $"api/v1/videos/{video}/like"); // it trends
        await SendAsync(victim, HttpMethod.Get, "api/v1/me");
        await SendAsync(blocker, HttpMethod.Put, "api/v1/users/blk-maker/block");
        await SendAsync(maker, HttpMethod.Put, "api/v1/users/blk-victim/block");

        string[] lists = ["api/v1/search?q=blockwave", "api/v1/hashtags/blocktag/videos", "api/v1/trending/videos?limit=100", "api/v1/trending/videos?window=1h&limit=100"];
        foreach (var list in lists)
        {
            Assert.Contains(video, Ids(await GetAsync(bystander, list)));
            Assert.DoesNotContain(video, Ids(await GetAsync(blocker, list)));
            Assert.DoesNotContain(video, Ids(await GetAsync(victim, list)));
        }
    }

    private static List<string> Ids(JsonElement page) =>
        [.. page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("video").GetProperty("id").GetString()!)];

    private static async Task<JsonElement> GetAsync(HttpClient client, string url)
    {
        using var response = await client.GetAsync(url);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{url} answered {(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    private static async Task SendAsync(HttpClient client, HttpMethod method, string url, object? body = null)
    {
        using var request = new HttpRequestMessage(method, url) { Content = body is null ? null : JsonContent.Create(body) };
        using var response = await client.SendAsync(request);
        Assert.True(response.IsSuccessStatusCode, $"{method} {url} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    }
}
