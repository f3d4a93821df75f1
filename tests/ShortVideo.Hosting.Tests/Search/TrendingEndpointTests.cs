using System.Net;
using Microsoft.Extensions.DependencyInjection;
using ShortVideo.Interactions;
using static ShortVideo.Hosting.Tests.Search.SearchNode;

namespace ShortVideo.Hosting.Tests.Search;

/// <summary>
/// GET /api/v1/trending/videos and /hashtags on a real node. Nothing posts interactions in this branch yet, so the tests
/// hand them to every registered <see cref="IInteractionObserver"/> as POST /api/v1/events will.
/// </summary>
public sealed class TrendingEndpointTests(SearchNode fixture) : IClassFixture<SearchNode>, IDisposable
{
    private readonly HttpClient _alice = fixture.Node.Client("alice");
    private readonly HttpClient _viewer = fixture.Node.Client("viewer");

    public void Dispose()
    {
        _alice.Dispose();
        _viewer.Dispose();
    }

    [Fact]
    public async Task Videos_trend_by_weighted_views_completes_likes_and_shares_and_skips_or_not_interested_add_nothing()
    {
        var viewed = await fixture.ReadyVideoAsync(_alice, "tr1 #trendone");
        var liked = await fixture.ReadyVideoAsync(_alice, "tr2 #trendone");
        var skipped = await fixture.ReadyVideoAsync(_alice, "tr3 #trendone");

        // viewed: 3 users view and complete it (3 x (1 + 2) = 9); liked: one like and one share (3 + 5 = 8).
        await ObserveAsync(
            [.. Enumerable.Range(0, 3).SelectMany(u => new[] { Event($"u{u}", InteractionType.View, viewed), Event($"u{u}", InteractionType.Complete, viewed) }),
             Event("u9", InteractionType.Like, liked), Event("u9", InteractionType.Share, liked),
             Event("u8", InteractionType.Skip, skipped), Event("u8", InteractionType.NotInterested, skipped), Event("u8", InteractionType.Impression, skipped)]);

        var day = Ids(await GetAsync(_viewer, "api/v1/trending/videos"));
        var hour = Ids(await GetAsync(_viewer, "api/v1/trending/videos?window=1h"));

        Assert.Equal([viewed, liked], day.Where(id => id == viewed || id == liked || id == skipped));
        Assert.Equal([viewed, liked], hour.Where(id => id == viewed || id == liked || id == skipped));
    }

    [Fact]
    public async Task A_user_repeating_an_event_within_a_minute_counts_once_and_an_unlike_takes_its_like_back()
    {
        var pumped = await fixture.ReadyVideoAsync(_alice, "tr4");
        var honest = await fixture.ReadyVideoAsync(_alice, "tr5");
        var unliked = await fixture.ReadyVideoAsync(_alice, "tr6");

        await ObserveAsync([.. Enumerable.Repeat(Event("spammer", InteractionType.View, pumped), 50)]);
        await ObserveAsync([Event("a", InteractionType.View, honest), Event("b", InteractionType.View, honest)]);
        await ObserveAsync([Event("c", InteractionType.Like, unliked), Event("c", InteractionType.Unlike, unliked)]);

        var ids = Ids(await GetAsync(_viewer, "api/v1/trending/videos?limit=100"));
        Assert.True(ids.IndexOf(honest) >= 0 && ids.IndexOf(honest) < ids.IndexOf(pumped), string.Join(",", ids));
        Assert.DoesNotContain(unliked, ids);
    }

    [Fact]
    public async Task A_video_deleted_or_made_private_leaves_trending_videos_and_its_hashtags_at_once()
    {
        var deleted = await fixture.ReadyVideoAsync(_alice, "tr7 #trendgone");
        var hidden = await fixture.ReadyVideoAsync(_alice, "tr8 #trendhidden");
        await ObserveAsync([Event("u1", InteractionType.Share, deleted), Event("u1", InteractionType.Share, hidden)]);
        Assert.Contains(deleted, Ids(await GetAsync(_viewer, "api/v1/trending/videos?limit=100")));

        using (await _alice.DeleteAsync($"api/v1/videos/{deleted}"))
        {
        }

        await MakeAsync(_alice, hidden, "private");

        var videos = Ids(await GetAsync(_viewer, "api/v1/trending/videos?limit=100"));
        var tags = await TagsAsync("api/v1/trending/hashtags?limit=100");
        Assert.DoesNotContain(deleted, videos);
        Assert.DoesNotContain(hidden, videos);
        Assert.DoesNotContain("trendgone", tags);
        Assert.DoesNotContain("trendhidden", tags);
    }

    [Fact]
    public async Task Hashtags_trend_by_new_uploads_and_their_videos_interactions()
    {
        await fixture.ReadyVideoAsync(_alice, "a #uploadstorm");
        await fixture.ReadyVideoAsync(_alice, "b #uploadstorm");
        var watched = await fixture.ReadyVideoAsync(_alice, "c #watchstorm");
        await ObserveAsync([.. Enumerable.Range(0, 5).Select(u => Event($"w{u}", InteractionType.Share, watched))]);

        var tags = await TagsAsync("api/v1/trending/hashtags?window=1h&limit=100");

        // watchstorm: 1 upload (5) + 5 shares (25) = 30; uploadstorm: 2 uploads = 10.
        Assert.True(tags.IndexOf("watchstorm") >= 0 && tags.IndexOf("watchstorm") < tags.IndexOf("uploadstorm"), string.Join(",", tags));
    }

    [Fact]
    public async Task Trending_pages_follow_nextCursor()
    {
        var ids = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            ids.Add(await fixture.ReadyVideoAsync(_alice, $"page{i}"));
        }

        await ObserveAsync([.. ids.SelectMany((id, i) => Enumerable.Range(0, 3).Select(u => Event($"p{u}-{i}", InteractionType.Like, id)))]);
        var all = Ids(await GetAsync(_viewer, "api/v1/trending/videos?limit=100"));

        var paged = new List<string>();
        var url = "api/v1/trending/videos?limit=2";
        while (true)
        {
            var page = await GetAsync(_viewer, url);
            paged.AddRange(Ids(page));
            if (page.GetProperty("nextCursor").ValueKind == System.Text.Json.JsonValueKind.Null)
            {
                break;
            }

            url = $"api/v1/trending/videos?limit=2&cursor={Uri.EscapeDataString(page.GetProperty("nextCursor").GetString()!)}";
        }

        Assert.Equal(all, paged);
        using var otherWindow = await _viewer.GetAsync($"api/v1/trending/videos?window=1h&cursor={Uri.EscapeDataString(Cursor(await GetAsync(_viewer, "api/v1/trending/videos?limit=1")))}");
        Assert.Equal(HttpStatusCode.BadRequest, otherWindow.StatusCode);
    }

    private static string Cursor(System.Text.Json.JsonElement page) => page.GetProperty("nextCursor").GetString()!;

    private async Task<List<string>> TagsAsync(string url) =>
        [.. (await GetAsync(_viewer, url)).GetProperty("items").EnumerateArray().Select(t => t.GetProperty("tag").GetString()!)];

    private async Task ObserveAsync(UserInteraction[] interactions)
    {
        foreach (var observer in fixture.Node.App.Services.GetServices<IInteractionObserver>())
        {
            await observer.ObserveAsync(interactions, CancellationToken.None);
        }
    }

    private static UserInteraction Event(string user, InteractionType kind, string videoId) =>
        new(user, kind, videoId, null, DateTimeOffset.UtcNow, kind == InteractionType.View ? 1000 : 0, 1000);
}
