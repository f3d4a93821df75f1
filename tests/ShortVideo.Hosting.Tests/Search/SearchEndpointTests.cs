using System.Net;
using System.Text.Json;
using ShortVideo.Hosting.Tests.Auth;
using static ShortVideo.Hosting.Tests.Search.SearchNode;

namespace ShortVideo.Hosting.Tests.Search;

/// <summary>GET /api/v1/search on a real node: videos that became ready through the pipeline, as a client sees them.</summary>
public sealed class SearchEndpointTests(SearchNode fixture) : IClassFixture<SearchNode>, IDisposable
{
    private readonly HttpClient _alice = fixture.Node.Client("alice");
    private readonly HttpClient _bob = fixture.Node.Client("bob");

    public void Dispose()
    {
        _alice.Dispose();
        _bob.Dispose();
    }

    [Fact]
    public async Task A_ready_public_video_is_found_by_words_prefix_typo_and_hashtag_with_a_playable_item()
    {
        var id = await fixture.ReadyVideoAsync(_alice, "Sunset over Zanzibar harbour #dhowsail");

        Assert.Equal([id], await SearchIdsAsync(_bob, "zanzibar harbour "));
        Assert.Equal([id], await SearchIdsAsync(_bob, "Zanzi"));
        Assert.Equal([id], await SearchIdsAsync(_bob, "zanzibra "));
        Assert.Equal([id], await SearchIdsAsync(_bob, "#dhowsail"));
        var found = (await GetAsync(_bob, "api/v1/search?q=zanzibar")).GetProperty("items")[0];
        var item = found.GetProperty("video");
        Assert.Equal("Sunset over Zanzibar harbour #dhowsail", item.GetProperty("caption").GetString());
        Assert.Equal(["dhowsail"], item.GetProperty("hashtags").EnumerateArray().Select(t => t.GetString()));
        Assert.Equal("alice", found.GetProperty("creator").GetProperty("id").GetString());
        Assert.True(item.GetProperty("durationMs").GetInt64() > 0);
        Assert.True(item.GetProperty("createdAt").GetDateTimeOffset() > DateTimeOffset.UtcNow.AddHours(-1));
        using var poster = await _bob.GetAsync(item.GetProperty("poster").GetString());
        using var playlist = await _bob.GetAsync(item.GetProperty("playback").GetProperty("hls").GetString());
        Assert.Equal(HttpStatusCode.OK, poster.StatusCode);
        Assert.Equal(HttpStatusCode.OK, playlist.StatusCode);
    }

    [Fact]
    public async Task Private_videos_never_appear_and_a_video_made_private_or_deleted_leaves_search_and_hashtags_at_once()
    {
        var hidden = await fixture.ReadyVideoAsync(_alice, "quokka selfie #quokkaland", visibility: "private");
        var shown = await fixture.ReadyVideoAsync(_alice, "quokka family #quokkaland");

        Assert.Equal([shown], await SearchIdsAsync(_alice, "quokka "));
        Assert.Equal([shown], await SearchIdsAsync(_bob, "quokka "));
        Assert.Equal([shown], Ids(await GetAsync(_bob, "api/v1/hashtags/quokkaland/videos")));

        await MakeAsync(_alice, shown, "private");
        Assert.Empty(await SearchIdsAsync(_bob, "quokka "));
        Assert.Empty(Ids(await GetAsync(_bob, "api/v1/hashtags/quokkaland/videos")));
        Assert.Empty((await GetAsync(_bob, "api/v1/search?type=hashtags&q=quokkal")).GetProperty("items").EnumerateArray());

        await MakeAsync(_alice, shown, "public");
        Assert.Equal([shown], await SearchIdsAsync(_bob, "quokka "));

        using var deleted = await _alice.DeleteAsync($"api/v1/videos/{shown}");
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Empty(await SearchIdsAsync(_bob, "quokka "));
        Assert.Empty(Ids(await GetAsync(_bob, "api/v1/hashtags/quokkaland/videos")));
        Assert.DoesNotContain(hidden, (await GetAsync(_alice, "api/v1/search?q=quokka")).GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Creators_of_indexed_videos_are_found_as_users_and_hashtags_by_prefix_with_counts()
    {
        using var carol = fixture.Node.Client("carol_okafor");
        await fixture.ReadyVideoAsync(carol, "market day #lagosmarket #lagosfood");
        await fixture.ReadyVideoAsync(carol, "night life #lagosmarket");

        var users = await GetAsync(_bob, "api/v1/search?type=users&q=carol");
        var user = Assert.Single(users.GetProperty("items").EnumerateArray());
        Assert.Equal("carol_okafor", user.GetProperty("id").GetString());
        Assert.Equal("carol_okafor", user.GetProperty("handle").GetString());
        Assert.Equal(["carol_okafor"], await SearchIdsAsync(_bob, "okafor ", "users"));

        var tags = (await GetAsync(_bob, "api/v1/search?type=hashtags&q=%23lagos")).GetProperty("items");
        Assert.Equal(
            [("lagosmarket", 2L), ("lagosfood", 1L)],
            tags.EnumerateArray().Select(t => (t.GetProperty("tag").GetString(), t.GetProperty("videos").GetInt64())));
    }

    [Fact]
    public async Task Results_page_through_nextCursor_without_gaps_or_repeats_best_matches_first()
    {
        var typo = await fixture.ReadyVideoAsync(_bob, "capybaras relaxing");
        var exact1 = await fixture.ReadyVideoAsync(_bob, "capybara bath");
        var exact2 = await fixture.ReadyVideoAsync(_bob, "capybara nap");

        var seen = new List<string>();
        var url = "api/v1/search?q=capybara%20&limit=2";
        while (true)
        {
            var page = await GetAsync(_alice, url);
            seen.AddRange(Ids(page));
            if (page.GetProperty("nextCursor").ValueKind == JsonValueKind.Null)
            {
                break;
            }

            url = $"api/v1/search?q=capybara%20&limit=2&cursor={Uri.EscapeDataString(page.GetProperty("nextCursor").GetString()!)}";
        }

        Assert.Equal([exact2, exact1, typo], seen);
    }

    [Fact]
    public async Task A_hashtag_page_lists_newest_first_an_unknown_tag_is_empty_and_case_or_hash_do_not_matter()
    {
        var first = await fixture.ReadyVideoAsync(_alice, "one #tapirtime");
        var second = await fixture.ReadyVideoAsync(_bob, "two #TapirTime");

        Assert.Equal([second, first], Ids(await GetAsync(_bob, "api/v1/hashtags/tapirtime/videos")));
        Assert.Equal([second, first], Ids(await GetAsync(_bob, "api/v1/hashtags/%23TAPIRTIME/videos")));
        var page = await GetAsync(_bob, "api/v1/hashtags/tapirtime/videos?limit=1");
        var next = page.GetProperty("nextCursor").GetString()!;
        Assert.Equal([first], Ids(await GetAsync(_bob, $"api/v1/hashtags/tapirtime/videos?limit=1&cursor={Uri.EscapeDataString(next)}")));
        Assert.Empty(Ids(await GetAsync(_bob, "api/v1/hashtags/neverusedtag/videos")));
    }

    [Theory]
    [InlineData("\"")]
    [InlineData("\"unterminated")]
    [InlineData("*")]
    [InlineData("foo*")]
    [InlineData("NEAR(a b)")]
    [InlineData("a OR b")]
    [InlineData("a AND NOT b")]
    [InlineData("-a")]
    [InlineData("^a")]
    [InlineData("caption:a")]
    [InlineData("((a)")]
    [InlineData("a -- b")]
    [InlineData("/* a */")]
    [InlineData("'; DROP TABLE videos; --")]
    [InlineData("\u0000\u0001")]
    [InlineData("#")]
    public async Task Query_syntax_is_searched_as_words_or_ignored_never_an_error(string query)
    {
        foreach (var type in new[] { "videos", "users", "hashtags" })
        {
            using var response = await _bob.GetAsync($"api/v1/search?type={type}&q={Uri.EscapeDataString(query)}");

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            Assert.Equal(JsonValueKind.Array, json.RootElement.GetProperty("items").ValueKind);
        }
    }

    [Theory]
    [InlineData("api/v1/search", "q")]
    [InlineData("api/v1/search?q=", "q")]
    [InlineData("api/v1/search?q=%20%20", "q")]
    [InlineData("api/v1/search?q=a&q=b", "q")]
    [InlineData("api/v1/search?q=a&type=videos&type=users", "type")]
    [InlineData("api/v1/search?q=a&type=everything", "type")]
    [InlineData("api/v1/search?q=a&limit=0", "limit")]
    [InlineData("api/v1/search?q=a&limit=10000", "limit")]
    [InlineData("api/v1/search?q=a&limit=-1", "limit")]
    [InlineData("api/v1/search?q=a&limit=abc", "limit")]
    [InlineData("api/v1/search?q=a&cursor=garbage", "cursor")]
    [InlineData("api/v1/search?q=a&cursor=czEuMDAwMDAwMDAwMDAwMDAwMC4wLjAu", "cursor")]
    [InlineData("api/v1/hashtags/abc/videos?limit=0", "limit")]
    [InlineData("api/v1/hashtags/abc/videos?cursor=%00", "cursor")]
    [InlineData("api/v1/hashtags/123/videos", "hashtag")]
    [InlineData("api/v1/hashtags/a%20b/videos", "hashtag")]
    [InlineData("api/v1/hashtags/%23%23/videos", "hashtag")]
    [InlineData("api/v1/trending/videos?window=2h", "window")]
    [InlineData("api/v1/trending/hashtags?window=", "window")]
    [InlineData("api/v1/trending/videos?limit=10000", "limit")]
    [InlineData("api/v1/trending/hashtags?cursor=garbage", "cursor")]
    public async Task Bad_input_is_400_problem_json_with_a_sentence_naming_what_is_wrong(string url, string named)
    {
        using var response = await _bob.GetAsync(url);

        var detail = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Contains(named, detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_query_of_1000_characters_is_400_saying_the_limit()
    {
        using var response = await _bob.GetAsync($"api/v1/search?q={new string('a', 1000)}");

        var detail = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Contains("at most 256 characters", detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_cursor_from_another_query_or_with_one_character_changed_is_400()
    {
        for (var i = 0; i < 3; i++)
        {
            await fixture.ReadyVideoAsync(_alice, $"okapi sighting {i}");
        }

        var next = (await GetAsync(_bob, "api/v1/search?q=okapi&limit=1")).GetProperty("nextCursor").GetString()!;
        var middle = next.Length / 2;
        var tampered = next[..middle] + (next[middle] == 'A' ? 'B' : 'A') + next[(middle + 1)..];

        using var otherQuery = await _bob.GetAsync($"api/v1/search?q=sighting&limit=1&cursor={next}");
        using var otherType = await _bob.GetAsync($"api/v1/search?q=okapi&type=users&cursor={next}");
        using var changed = await _bob.GetAsync($"api/v1/search?q=okapi&limit=1&cursor={tampered}");
        using var hashtagPage = await _bob.GetAsync($"api/v1/hashtags/okapi/videos?cursor={next}");

        await ProblemAssert.IsProblemAsync(otherQuery, HttpStatusCode.BadRequest);
        await ProblemAssert.IsProblemAsync(otherType, HttpStatusCode.BadRequest);
        await ProblemAssert.IsProblemAsync(changed, HttpStatusCode.BadRequest);
        await ProblemAssert.IsProblemAsync(hashtagPage, HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Search_needs_a_token()
    {
        using var anonymous = fixture.Node.Client(user: null);

        using var response = await anonymous.GetAsync("api/v1/search?q=a");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}
