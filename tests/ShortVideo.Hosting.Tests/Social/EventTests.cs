using System.Globalization;
using System.Net;
using System.Text;
using ShortVideo.Hosting.Tests.Auth;
using static ShortVideo.Hosting.Tests.Social.SocialNode;

namespace ShortVideo.Hosting.Tests.Social;

/// <summary>POST /api/v1/events: whole batches or nothing, repeats counted once, hidden videos indistinguishable from unknown ones.</summary>
public sealed class EventTests(SocialNode social) : IClassFixture<SocialNode>
{
    private static string Now(double minutes = 0) => DateTimeOffset.UtcNow.AddMinutes(minutes).ToString("O", CultureInfo.InvariantCulture);

    private static object Event(string id, string type, string? videoId = null, string? userId = null, object? watchMs = null, string? at = null) =>
        new { clientEventId = id, type, videoId, userId, at = at ?? Now(), watchMs, durationMs = watchMs is null ? (object?)null : 9000 };

    [Fact]
    public async Task A_batch_counts_views_shares_and_likes_and_a_repeated_client_event_id_counts_once_within_and_across_batches()
    {
        using var creator = social.Client("ev-creator");
        using var viewer = social.Client("ev-viewer");
        var video = await social.UploadAsync(creator);

        var first = await OkAsync(viewer, HttpMethod.Post, "api/v1/events", new
        {
            events = new[]
            {
                Event("v1", "view", video, watchMs: 3000),
                Event("v1", "view", video, watchMs: 3000),
                Event("s1", "share", video),
                Event("l1", "like", video),
                Event("i1", "impression", video),
            },
        });
        var repeat = await OkAsync(viewer, HttpMethod.Post, "api/v1/events", new { events = new[] { Event("v1", "view", video, watchMs: 3000), Event("l1", "like", video) } });

        Assert.Equal(4, first.GetProperty("accepted").GetInt32());
        Assert.Equal(1, first.GetProperty("duplicates").GetInt32());
        Assert.Equal(0, repeat.GetProperty("accepted").GetInt32());
        Assert.Equal(2, repeat.GetProperty("duplicates").GetInt32());
        var like = await OkAsync(viewer, HttpMethod.Put, $"api/v1/videos/{video}/like");
        Assert.Equal(1, like.GetProperty("likeCount").GetInt64());
    }

    [Fact]
    public async Task Views_and_shares_replayed_under_new_event_ids_count_once_and_reach_the_database_within_a_second()
    {
        using var creator = social.Client("ev-replay-creator");
        using var viewer = social.Client("ev-replay-viewer");
        var video = await social.UploadAsync(creator);

        await OkAsync(viewer, HttpMethod.Post, "api/v1/events", new
        {
            events = new[]
            {
                Event("a", "view", video, watchMs: 1000),
                Event("b", "view", video, watchMs: 2000),
                Event("c", "view", video, watchMs: 3000, at: Now(-120)),
                Event("d", "share", video),
                Event("e", "share", video),
                Event("f", "complete", video),
            },
        });
        await OkAsync(viewer, HttpMethod.Post, $"api/v1/videos/{video}/comments", new { text = "counted" });

        // Flushed every 500 ms: the row is there within a second (polled a little longer, for a loaded machine).
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(5);
        (long, long, long, long)? counts;
        while ((counts = await StoredCountsAsync(video)) != (1L, 0L, 1L, 1L) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }

        Assert.Equal((1L, 0L, 1L, 1L), counts);
    }

    private async Task<(long, long, long, long)?> StoredCountsAsync(string video)
    {
        await using var db = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Path.Combine(social.Node.DataDir, "shortvideo.db")};Mode=ReadOnly");
        await db.OpenAsync();
        await using var read = db.CreateCommand();
        read.CommandText = "SELECT views, likes, comments, shares FROM video_counters WHERE video_id = $id";
        read.Parameters.AddWithValue("$id", video);
        await using var row = await read.ExecuteReaderAsync();
        return await row.ReadAsync() ? (row.GetInt64(0), row.GetInt64(1), row.GetInt64(2), row.GetInt64(3)) : null;
    }

    [Fact]
    public async Task Follow_and_unlike_events_have_the_effect_of_the_endpoints()
    {
        using var creator = social.Client("ev2-creator");
        using var fan = social.Client("ev2-fan");
        var video = await social.UploadAsync(creator);
        await OkAsync(fan, HttpMethod.Put, $"api/v1/videos/{video}/like");

        await OkAsync(fan, HttpMethod.Post, "api/v1/events", new { events = new[] { Event("f1", "follow", video), Event("u1", "unlike", video) } });

        var profile = await GetAsync(fan, "api/v1/users/ev2-creator");
        Assert.True(profile.GetProperty("followedByMe").GetBoolean());
        Assert.Equal(1, profile.GetProperty("followerCount").GetInt64());
        Assert.Equal(0, profile.GetProperty("likeCount").GetInt64());
        await OkAsync(fan, HttpMethod.Post, "api/v1/events", new { events = new[] { Event("f2", "unfollow", userId: "ev2-creator") } });
        Assert.Equal(0, (await GetAsync(fan, "api/v1/users/ev2-creator")).GetProperty("followerCount").GetInt64());
    }

    [Fact]
    public async Task Events_about_a_private_video_of_another_user_are_ignored_exactly_like_an_unknown_id()
    {
        using var owner = social.Client("ev3-owner");
        using var stranger = social.Client("ev3-stranger");
        var hidden = await social.UploadAsync(owner, isPrivate: true);

        var aboutHidden = await OkAsync(stranger, HttpMethod.Post, "api/v1/events", new { events = new[] { Event("h1", "like", hidden) } });
        var aboutNothing = await OkAsync(stranger, HttpMethod.Post, "api/v1/events", new { events = new[] { Event("h2", "like", "no-such-video") } });

        Assert.Equal(aboutNothing.GetRawText(), aboutHidden.GetRawText());
        Assert.Equal(1, aboutHidden.GetProperty("ignored").GetInt32());
        Assert.Equal(1, (await OkAsync(owner, HttpMethod.Put, $"api/v1/videos/{hidden}/like")).GetProperty("likeCount").GetInt64());
    }

    public static TheoryData<string, string> BadBatches() => new()
    {
        { "{\"events\":[]}", "1 to 500" },
        { "{}", "1 to 500" },
        { $"{{\"events\":[{{\"clientEventId\":\"a\",\"type\":\"like\",\"videoId\":\"V\",\"at\":\"{Now()}\"}},{{\"clientEventId\":\"b\",\"type\":\"poke\",\"videoId\":\"V\",\"at\":\"{Now()}\"}}]}}", "Event 1: type 'poke'" },
        { $"{{\"events\":[{{\"clientEventId\":\"a\",\"type\":\"like\",\"videoId\":\"V\",\"at\":\"{Now()}\"}},{{\"clientEventId\":\"b\",\"type\":\"view\",\"videoId\":\"V\",\"at\":\"{Now()}\",\"watchMs\":-5}}]}}", "Event 1: watchMs" },
        { $"{{\"events\":[{{\"clientEventId\":\"a\",\"type\":\"like\",\"videoId\":\"V\",\"at\":\"{Now()}\"}},{{\"clientEventId\":\"b\",\"type\":\"view\",\"videoId\":\"V\",\"at\":\"{Now()}\",\"watchMs\":\"NaN\"}}]}}", "Event 1: watchMs" },
        { $"{{\"events\":[{{\"clientEventId\":\"a\",\"type\":\"like\",\"videoId\":\"V\",\"at\":\"{Now()}\"}},{{\"clientEventId\":\"b\",\"type\":\"view\",\"videoId\":\"V\",\"at\":\"{Now()}\",\"watchMs\":1e300}}]}}", "Event 1: watchMs" },
        { $"{{\"events\":[{{\"clientEventId\":\"a\",\"type\":\"like\",\"videoId\":\"V\",\"at\":\"{Now()}\"}},{{\"clientEventId\":\"b\",\"type\":\"like\",\"videoId\":\"V\",\"at\":\"{Now(60)}\"}}]}}", "Event 1: at" },
        { $"{{\"events\":[{{\"clientEventId\":\"a\",\"type\":\"like\",\"videoId\":\"V\",\"at\":\"{Now()}\"}},{{\"clientEventId\":\"b\",\"type\":\"like\",\"videoId\":\"V\",\"at\":\"2019-01-01T00:00:00Z\"}}]}}", "Event 1: at" },
        { $"{{\"events\":[{{\"clientEventId\":\"a\",\"type\":\"like\",\"videoId\":\"V\",\"at\":\"{Now()}\"}},{{\"type\":\"like\",\"videoId\":\"V\",\"at\":\"{Now()}\"}}]}}", "Event 1: clientEventId" },
        { $"{{\"events\":[{{\"clientEventId\":\"a\",\"type\":\"like\",\"videoId\":\"V\",\"at\":\"{Now()}\"}},{{\"clientEventId\":\"b\",\"type\":\"like\",\"at\":\"{Now()}\"}}]}}", "Event 1: a like needs videoId" },
        { $"{{\"events\":[{{\"clientEventId\":\"a\",\"type\":\"like\",\"videoId\":\"V\",\"at\":\"{Now()}\"}},{{\"clientEventId\":\"b\",\"type\":\"like\",\"videoId\":\"V\",\"at\":\"yesterday\"}}]}}", "Event 1: at" },
        { "{\"events\":[1]}", "Event 0" },
        { "{\"events\":", "not valid JSON" },
    };

    [Theory]
    [MemberData(nameof(BadBatches))]
    public async Task A_bad_batch_is_refused_whole_with_a_sentence_naming_the_bad_event_and_nothing_is_stored(string template, string expected)
    {
        var user = "bad-" + Guid.NewGuid().ToString("N")[..8];
        using var client = social.Client(user);
        var video = await social.UploadAsync(client);

        using var response = await SendAsync(client, HttpMethod.Post, "api/v1/events", template.Replace("\"V\"", $"\"{video}\"", StringComparison.Ordinal));

        Assert.Contains(expected, await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest), StringComparison.Ordinal);
        // Event 0 of most batches is a valid like of the user's own video: had it been stored, they would have a like.
        Assert.Equal(0, (await GetAsync(client, "api/v1/me")).GetProperty("likeCount").GetInt64());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(501)]
    public async Task A_batch_of_0_or_501_events_is_400(int count)
    {
        using var client = social.Client("ev-count");
        var events = Enumerable.Range(0, count).Select(i => Event($"n{i}", "impression", "some-video")).ToArray();

        using var response = await SendAsync(client, HttpMethod.Post, "api/v1/events", new { events });

        Assert.Contains("1 to 500", await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_batch_of_500_events_is_accepted()
    {
        using var creator = social.Client("ev-500-creator");
        using var client = social.Client("ev-500");
        var video = await social.UploadAsync(creator);
        var events = Enumerable.Range(0, 500).Select(i => Event($"n{i}", "impression", video)).ToArray();

        var result = await OkAsync(client, HttpMethod.Post, "api/v1/events", new { events });

        Assert.Equal(500, result.GetProperty("accepted").GetInt32());
    }

    [Fact]
    public async Task A_body_over_the_size_limit_is_413_without_being_parsed()
    {
        using var client = social.Client("ev-huge");
        var body = new StringBuilder("{\"events\":[");
        body.Append(string.Join(',', Enumerable.Repeat("{\"clientEventId\":\"" + new string('x', 1000) + "\"}", 600)));
        body.Append("]}");

        using var response = await SendAsync(client, HttpMethod.Post, "api/v1/events", body.ToString());

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task Following_yourself_by_event_changes_nothing()
    {
        using var self = social.Client("ev-self");
        var video = await social.UploadAsync(self);

        var result = await OkAsync(self, HttpMethod.Post, "api/v1/events", new { events = new[] { Event("s", "follow", video), Event("t", "follow", userId: "ev-self") } });

        Assert.Equal(2, result.GetProperty("ignored").GetInt32());
        Assert.Equal(0, (await GetAsync(self, "api/v1/me")).GetProperty("followerCount").GetInt64());
    }
}
