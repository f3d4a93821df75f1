using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using ShortVideo.Hosting.Tests.Auth;
using ShortVideo.Ranking.Engine;
using ShortVideo.Testing;

namespace ShortVideo.Hosting.Tests.Feeds;

/// <summary>
/// GET /api/v1/feed/for-you on a real node with real (tiny, uploaded, transcoded) videos: the item a client plays,
/// authentication, bad input, and videos made private or deleted leaving the feed at once.
/// </summary>
public sealed class ForYouEndpointTests : IAsyncLifetime
{
    private readonly TempDirectory _clips = new("for-you");
    private InProcessNode _node = null!;
    private HttpClient _alice = null!;
    private HttpClient _bob = null!;
    private HttpClient _viewer = null!;
    private string _clip = null!;
    private string _bobsVideo = null!;
    private string _alicesVideo = null!;

    public async Task InitializeAsync()
    {
        _node = await InProcessNode.StartAsync();
        _alice = _node.Client("alice");
        _bob = _node.Client("bob");
        _viewer = _node.Client("viewer");
        _clip = await TestClips.VideoAsync(_clips.Path, "clip.mp4", 320, 180, seconds: 2);

        // One transcode; the copies share its media and are ready at once.
        _bobsVideo = await VideoRequests.UploadAsync(_bob, _clip, TusRequests.Metadata(("caption", "Morning run #Running #city")));
        await VideoRequests.WaitUntilProcessedAsync(_bob, _bobsVideo);
        _alicesVideo = await VideoRequests.UploadAsync(_alice, _clip, TusRequests.Metadata(("caption", "same run #running")));
        await VideoRequests.WaitUntilProcessedAsync(_alice, _alicesVideo);
    }

    public async Task DisposeAsync()
    {
        _alice.Dispose();
        _bob.Dispose();
        _viewer.Dispose();
        await _node.DisposeAsync();
        _clips.Dispose();
    }

    [Fact]
    public async Task An_item_carries_the_video_its_creator_a_reason_and_a_prefetch_hint_that_all_play()
    {
        var page = await _viewer.GetFromJsonAsync<JsonElement>("api/v1/feed/for-you");

        var item = Assert.Single(page.GetProperty("items").EnumerateArray(), i => i.GetProperty("video").GetProperty("id").GetString() == _bobsVideo);
        var video = item.GetProperty("video");
        Assert.Equal("Morning run #Running #city", video.GetProperty("caption").GetString());
        Assert.Equal(["running", "city"], video.GetProperty("hashtags").EnumerateArray().Select(t => t.GetString()));
        Assert.InRange(video.GetProperty("durationMs").GetInt64(), 1500, 2500);
        Assert.Equal("bob", item.GetProperty("creator").GetProperty("id").GetString());
        Assert.Contains(item.GetProperty("reason").GetString(), new[] { "personalised", "trending", "new" });
        var prefetch = item.GetProperty("prefetch");
        foreach (var url in new[] { video.GetProperty("playback").GetProperty("hls").GetString(), video.GetProperty("poster").GetString(), prefetch.GetProperty("url").GetString(), prefetch.GetProperty("init").GetString(), prefetch.GetProperty("playlist").GetString() })
        {
            using var response = await _viewer.GetAsync(url);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url} answered {(int)response.StatusCode}");
        }

        Assert.EndsWith(".m4s", prefetch.GetProperty("url").GetString(), StringComparison.Ordinal);
        var playlist = await _viewer.GetStringAsync(prefetch.GetProperty("playlist").GetString());
        Assert.Contains(prefetch.GetProperty("url").GetString()!.Split('/')[^1], playlist, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_creator_never_sees_their_own_videos()
    {
        var page = await _bob.GetFromJsonAsync<JsonElement>("api/v1/feed/for-you?limit=50");

        var ids = Ids(page);
        Assert.DoesNotContain(_bobsVideo, ids);
        Assert.Contains(_alicesVideo, ids);
    }

    [Fact]
    public async Task Without_a_token_the_feed_is_401()
    {
        using var anonymous = _node.Client(user: null);
        await ProblemAssert.IsUnauthorizedAsync(await anonymous.GetAsync("api/v1/feed/for-you"));
    }

    [Theory]
    [InlineData("limit=0")]
    [InlineData("limit=10000")]
    [InlineData("limit=51")]
    [InlineData("limit=-1")]
    [InlineData("limit=abc")]
    [InlineData("limit=")]
    [InlineData("limit=2&limit=3")]
    [InlineData("cursor=")]
    [InlineData("cursor=garbage")]
    [InlineData("cursor=AQAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    public async Task A_bad_limit_or_a_cursor_the_node_never_issued_is_400_problem_json(string query)
    {
        var detail = await ProblemAssert.IsProblemAsync(await _viewer.GetAsync($"api/v1/feed/for-you?{query}"), HttpStatusCode.BadRequest);
        Assert.False(string.IsNullOrWhiteSpace(detail));
    }

    [Fact]
    public async Task Another_users_or_an_altered_cursor_is_400_and_the_owner_continues_with_theirs()
    {
        var cursor = (await _viewer.GetFromJsonAsync<JsonElement>("api/v1/feed/for-you?limit=1")).GetProperty("nextCursor").GetString()!;
        var altered = cursor[..5] + (cursor[5] == 'A' ? 'B' : 'A') + cursor[6..];

        var stolen = await ProblemAssert.IsProblemAsync(await _alice.GetAsync($"api/v1/feed/for-you?cursor={Uri.EscapeDataString(cursor)}"), HttpStatusCode.BadRequest);
        await ProblemAssert.IsProblemAsync(await _viewer.GetAsync($"api/v1/feed/for-you?cursor={Uri.EscapeDataString(altered)}"), HttpStatusCode.BadRequest);
        using var own = await _viewer.GetAsync($"api/v1/feed/for-you?cursor={Uri.EscapeDataString(cursor)}");

        Assert.Equal(ShortVideo.Paging.ListCursors.Refused, stolen);
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
    }

    [Fact]
    public async Task A_video_made_private_leaves_the_feed_and_the_engine_at_once_and_returns_when_made_public()
    {
        var engine = _node.App.Services.GetRequiredService<IRankingEngine>();
        var before = engine.CatalogSize;

        using (var made = await _bob.PatchAsJsonAsync($"api/v1/videos/{_bobsVideo}", new { visibility = "private" }))
        {
            made.EnsureSuccessStatusCode();
        }

        Assert.Equal(before - 1, engine.CatalogSize);
        Assert.DoesNotContain(_bobsVideo, Ids(await _viewer.GetFromJsonAsync<JsonElement>("api/v1/feed/for-you?limit=50")));

        using (var made = await _bob.PatchAsJsonAsync($"api/v1/videos/{_bobsVideo}", new { visibility = "public" }))
        {
            made.EnsureSuccessStatusCode();
        }

        Assert.Equal(before, engine.CatalogSize);
        Assert.Contains(_bobsVideo, Ids(await _viewer.GetFromJsonAsync<JsonElement>("api/v1/feed/for-you?limit=50")));
    }

    [Fact]
    public async Task A_deleted_video_leaves_the_feed_and_the_engine_at_once()
    {
        using var carol = _node.Client("carol");
        var doomed = await VideoRequests.UploadAsync(carol, _clip, TusRequests.Metadata(("caption", "soon gone")));
        await VideoRequests.WaitUntilProcessedAsync(carol, doomed);
        var engine = _node.App.Services.GetRequiredService<IRankingEngine>();
        Assert.Contains(doomed, Ids(await _viewer.GetFromJsonAsync<JsonElement>("api/v1/feed/for-you?limit=50")));
        var before = engine.CatalogSize;

        using (var deleted = await carol.DeleteAsync($"api/v1/videos/{doomed}"))
        {
            Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        }

        Assert.Equal(before - 1, engine.CatalogSize);
        Assert.DoesNotContain(doomed, Ids(await _viewer.GetFromJsonAsync<JsonElement>("api/v1/feed/for-you?limit=50")));
    }

    private static List<string?> Ids(JsonElement page) =>
        [.. page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("video").GetProperty("id").GetString())];
}
