using System.Net.Http.Json;
using System.Text.Json;
using ShortVideo.Testing;

namespace ShortVideo.Hosting.Tests.Feeds;

/// <summary>For You on a real node mixes in the following inbox and trending videos, each with its reason.</summary>
public sealed class ForYouSourceEndpointTests(FeedNode fixture) : IClassFixture<FeedNode>
{
    private readonly InProcessNode _node = fixture.Node;

    [Fact]
    public async Task A_followed_creators_new_video_comes_in_for_you_with_reason_following()
    {
        using var fan = _node.Client("src-fan");
        using var star = _node.Client("src-star");
        await FillAsync("src-other");
        using (var me = await star.GetAsync("api/v1/me"))
        {
            me.EnsureSuccessStatusCode();
        }

        using (var follow = await fan.PutAsync("api/v1/users/src-star/follow", null))
        {
            follow.EnsureSuccessStatusCode();
        }

        var video = await fixture.PublishAsync(star, "brand new #starlight");

        var item = FeedNode.Find(await fan.GetFromJsonAsync<JsonElement>("api/v1/feed/for-you?limit=5"), video);
        Assert.Equal("following", item.GetProperty("reason").GetString());
        Assert.True(item.GetProperty("creator").GetProperty("followedByMe").GetBoolean());
    }

    [Fact]
    public async Task A_trending_video_comes_in_a_new_users_for_you_with_reason_trending()
    {
        using var maker = _node.Client("src-maker");
        using var liker = _node.Client("src-liker");
        using var newcomer = _node.Client("src-newcomer");
        var hit = await fixture.PublishAsync(maker, "the hit #hitsong");
        await FillAsync("src-newer");

        using (var like = await liker.PutAsync($"api/v1/videos/{hit}/like", null))
        {
            like.EnsureSuccessStatusCode();
        }

        var trending = await newcomer.GetFromJsonAsync<JsonElement>("api/v1/trending/videos");
        Assert.Equal(hit, trending.GetProperty("items")[0].GetProperty("video").GetProperty("id").GetString());
        var item = FeedNode.Find(await newcomer.GetFromJsonAsync<JsonElement>("api/v1/feed/for-you?limit=5"), hit);
        Assert.Equal("trending", item.GetProperty("reason").GetString());
    }

    /// <summary>Newer videos of six other creators: more than a page, so the new source is what brings the video.</summary>
    private async Task FillAsync(string prefix)
    {
        for (var c = 0; c < 6; c++)
        {
            using var creator = _node.Client($"{prefix}{c}");
            for (var i = 0; i < 2; i++)
            {
                await fixture.PublishAsync(creator, $"filler {c} {i} #{prefix.Replace("-", string.Empty, StringComparison.Ordinal)}{i}");
            }
        }
    }
}
