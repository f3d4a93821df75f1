using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using ShortVideo.Testing;
using Xunit.Abstractions;

namespace ShortVideo.Hosting.Tests.Feeds;

/// <summary>
/// Quality through the API: simulated viewers with a latent taste (one topic hashtag each) watch what For You serves
/// them and report what they did through POST /api/v1/events, as an app would. The share of served videos that match
/// their taste must rise clearly above what a trending-only feed gives them, measured in the same test on the same node.
/// </summary>
public sealed class ForYouQualityTests(ITestOutputHelper output) : IAsyncLifetime
{
    private static readonly string[] Topics = ["cooking", "travel", "gaming", "music", "dance", "pets"];
    private const int VideosPerTopic = 40;
    private const int CreatorsPerTopic = 2;
    private const int ViewersPerTopic = 3;
    private const int PageSize = 6;

    private readonly Dictionary<string, int> _reasons = [];
    private readonly TempDirectory _dir = new("sv-quality-");
    private InProcessNode _node = null!;

    public async Task InitializeAsync() =>
        _node = await InProcessNode.StartAsync(o =>
        {
            // The test posts far more than one person would; the write limits are not what it is about.
            o["RateLimits:Events:PermitLimit"] = "100000";
            o["Uploads:RateLimit:PermitLimit"] = "100000";
        });

    public async Task DisposeAsync()
    {
        await _node.DisposeAsync();
        _dir.Dispose();
    }

    [Fact]
    public async Task Viewers_get_more_of_their_taste_from_for_you_than_from_trending_after_reporting_what_they_watched()
    {
        // One tiny clip: every upload has these bytes, so the node transcodes once and the rest are ready at once
        // (what differs, and what the ranker reads, is the creator and the caption's hashtags).
        var clip = await TestClips.VideoAsync(_dir.Path, "q.mp4", 64, 64, seconds: 1, audio: false);
        var topicOf = new Dictionary<string, string>(StringComparer.Ordinal);
        var random = new Random(7);
        for (var i = 0; i < Topics.Length * VideosPerTopic; i++)
        {
            // Creators keep to a topic, as on real platforms: two per topic.
            var topic = Topics[i % Topics.Length];
            using var creator = _node.Client($"creator{((i % Topics.Length) * CreatorsPerTopic) + random.Next(CreatorsPerTopic)}");
            var caption = $"clip {i} #{topic}";
            var id = await VideoRequests.UploadAsync(creator, clip, "caption " + Convert.ToBase64String(Encoding.UTF8.GetBytes(caption)));
            Assert.Equal("ready", (await VideoRequests.WaitUntilProcessedAsync(creator, id)).GetProperty("status").GetString());
            topicOf[id] = topic;
        }

        var viewers = Topics.SelectMany(t => Enumerable.Range(0, ViewersPerTopic).Select(n => (User: $"{t}-fan{n}", Taste: t))).ToList();

        // Warm-up: three pages each, reported honestly (watched to the end and liked when it matches, skipped otherwise).
        for (var round = 0; round < 3; round++)
        {
            foreach (var viewer in viewers)
            {
                await WatchAsync(viewer.User, viewer.Taste, await ForYouAsync(viewer.User), topicOf);
            }

            await LearningWindowAsync();
        }

        // The baseline, same node, same catalog, same interactions: what trending shows each viewer.
        var trendingShare = await ShareAsync(viewers, async v => await TrendingAsync(v.User), topicOf);

        // Measured: the next five pages of each viewer, still reporting what they watch.
        var served = 0;
        var matching = 0;
        for (var round = 0; round < 5; round++)
        {
            foreach (var viewer in viewers)
            {
                var page = await ForYouAsync(viewer.User);
                served += page.Count;
                matching += page.Count(id => topicOf.GetValueOrDefault(id) == viewer.Taste);
                await WatchAsync(viewer.User, viewer.Taste, page, topicOf);
            }

            await LearningWindowAsync();
        }

        Assert.True(served >= viewers.Count * PageSize, $"For You served {served} videos, expected full pages.");
        var forYouShare = matching / (double)served;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"for you: {matching}/{served} = {forYouShare:P0} matching; trending: {trendingShare:P0}; reasons {string.Join(' ', _reasons)}"));
        Assert.True(
            // Hashtags are spaced on a page (no two neighbours share one where avoidable), which caps one topic near half.
            // A page also holds exploration slots for new videos and a trending slot, which match a taste only by chance.
            forYouShare >= 1.5 * trendingShare && forYouShare >= trendingShare + 0.1,
            string.Create(CultureInfo.InvariantCulture, $"For You matched tastes in {forYouShare:P0} of {served} videos; trending in {trendingShare:P0}."));
    }

    /// <summary>The node's promise: an event reaches the viewer's next fresh page within a second.</summary>
    private static Task LearningWindowAsync() => Task.Delay(TimeSpan.FromSeconds(1));

    private async Task<List<string>> ForYouAsync(string user)
    {
        using var client = _node.Client(user);
        var page = await client.GetFromJsonAsync<JsonElement>($"api/v1/feed/for-you?limit={PageSize}");
        foreach (var item in page.GetProperty("items").EnumerateArray())
        {
            _reasons[item.GetProperty("reason").GetString()!] = _reasons.GetValueOrDefault(item.GetProperty("reason").GetString()!) + 1;
        }

        return [.. page.GetProperty("items").EnumerateArray().Select(item => item.GetProperty("video").GetProperty("id").GetString()!)];
    }

    private async Task<List<string>> TrendingAsync(string user)
    {
        using var client = _node.Client(user);
        var page = await client.GetFromJsonAsync<JsonElement>($"api/v1/trending/videos?limit={PageSize}");
        return [.. page.GetProperty("items").EnumerateArray().Select(item => (item.TryGetProperty("video", out var video) ? video : item).GetProperty("id").GetString()!)];
    }

    private static async Task<double> ShareAsync(
        List<(string User, string Taste)> viewers, Func<(string User, string Taste), Task<List<string>>> feed, Dictionary<string, string> topicOf)
    {
        var served = 0;
        var matching = 0;
        foreach (var viewer in viewers)
        {
            var page = await feed(viewer);
            served += page.Count;
            matching += page.Count(id => topicOf.GetValueOrDefault(id) == viewer.Taste);
        }

        Assert.True(served > 0, "The baseline feed served nothing.");
        return matching / (double)served;
    }

    private async Task WatchAsync(string user, string taste, List<string> page, Dictionary<string, string> topicOf)
    {
        var now = DateTimeOffset.UtcNow;
        var events = new List<object>();
        foreach (var id in page)
        {
            var at = now.ToString("O", CultureInfo.InvariantCulture);
            events.Add(new { clientEventId = Guid.NewGuid().ToString("N"), type = "impression", videoId = id, at });
            if (topicOf.GetValueOrDefault(id) == taste)
            {
                events.Add(new { clientEventId = Guid.NewGuid().ToString("N"), type = "view", videoId = id, at, watchMs = 1000, durationMs = 1000 });
                events.Add(new { clientEventId = Guid.NewGuid().ToString("N"), type = "complete", videoId = id, at });
                events.Add(new { clientEventId = Guid.NewGuid().ToString("N"), type = "like", videoId = id, at });
            }
            else
            {
                events.Add(new { clientEventId = Guid.NewGuid().ToString("N"), type = "skip", videoId = id, at });
            }
        }

        using var client = _node.Client(user);
        using var response = await client.PostAsJsonAsync("api/v1/events", new { events });
        Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.Accepted or HttpStatusCode.NoContent, await response.Content.ReadAsStringAsync());
    }
}
