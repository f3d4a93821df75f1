using System.Buffers.Text;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using ShortVideo.Hosting.Tests.Auth;
using ShortVideo.Testing;

namespace ShortVideo.Hosting.Tests.Videos;

/// <summary>GET /api/v1/videos: the caller's own videos, newest first, paged with an opaque cursor, attacked as a client would.</summary>
public sealed class VideoListTests : IAsyncLifetime
{
    private readonly TempDirectory _files = new("video-list");
    private InProcessNode _node = null!;
    private HttpClient _alice = null!;
    private HttpClient _bob = null!;

    public async Task InitializeAsync()
    {
        // The api role alone: these videos are never processed, the list shows them as uploaded.
        _node = await InProcessNode.StartAsync(o => o["Node:Roles"] = "api");
        _alice = _node.Client("alice");
        _bob = _node.Client("bob");
    }

    public async Task DisposeAsync()
    {
        _alice.Dispose();
        _bob.Dispose();
        await _node.DisposeAsync();
        _files.Dispose();
    }

    [Fact]
    public async Task The_list_is_the_callers_own_videos_newest_first_private_ones_included_and_no_one_elses()
    {
        var a1 = await UploadAsync(_alice, "a1");
        var b1 = await UploadAsync(_bob, "b1");
        var a2 = await UploadAsync(_alice, "a2", TusRequests.Metadata(("visibility", "private")));
        var b2 = await UploadAsync(_bob, "b2", TusRequests.Metadata(("visibility", "private")));
        var a3 = await UploadAsync(_alice, "a3");

        var alices = await ListAsync(_alice, "api/v1/videos");
        var bobs = await ListAsync(_bob, "api/v1/videos");

        Assert.Equal([a3, a2, a1], Ids(alices));
        Assert.Equal([b2, b1], Ids(bobs));
        Assert.Equal("private", alices.GetProperty("items")[1].GetProperty("visibility").GetString());
        Assert.All(alices.GetProperty("items").EnumerateArray(), v => Assert.Equal("alice", v.GetProperty("creatorId").GetString()));
        Assert.Equal(JsonValueKind.Null, alices.GetProperty("nextCursor").ValueKind);
    }

    [Fact]
    public async Task Pages_follow_nextCursor_to_the_end_without_gaps_or_repeats()
    {
        var uploaded = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            uploaded.Add(await UploadAsync(_alice, $"clip{i}"));
        }

        var seen = new List<string>();
        var url = "api/v1/videos?limit=2";
        var pages = 0;
        while (true)
        {
            var page = await ListAsync(_alice, url);
            seen.AddRange(Ids(page));
            pages++;
            var next = page.GetProperty("nextCursor");
            if (next.ValueKind == JsonValueKind.Null)
            {
                break;
            }

            url = $"api/v1/videos?limit=2&cursor={Uri.EscapeDataString(next.GetString()!)}";
        }

        uploaded.Reverse();
        Assert.Equal(uploaded, seen);
        Assert.Equal(3, pages);
    }

    [Fact]
    public async Task Bobs_cursor_in_alices_hands_is_400_problem_json()
    {
        await UploadAsync(_alice, "a1");
        await UploadAsync(_bob, "b1");
        await UploadAsync(_bob, "b2");
        var bobsCursor = (await ListAsync(_bob, "api/v1/videos?limit=1")).GetProperty("nextCursor").GetString()!;

        using var response = await _alice.GetAsync($"api/v1/videos?cursor={Uri.EscapeDataString(bobsCursor)}");

        Assert.Equal(ShortVideo.Paging.ListCursors.Refused, await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest));
    }

    [Theory]
    [InlineData("limit=0")]
    [InlineData("limit=-1")]
    [InlineData("limit=")]
    [InlineData("limit=abc")]
    [InlineData("limit=1.5")]
    [InlineData("limit=%2B5")]
    [InlineData("limit=2&limit=3")]
    [InlineData("cursor=")]
    [InlineData("cursor=garbage")]
    [InlineData("cursor=%00%FF")]
    [InlineData("cursor=djEuMTAwMA")]
    [InlineData("cursor=a&cursor=b")]
    public async Task A_bad_limit_or_a_cursor_the_server_never_gave_is_400_problem_json(string query)
    {
        await UploadAsync(_alice, "a1");

        using var response = await _alice.GetAsync($"api/v1/videos?{query}");

        var detail = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Contains(query.StartsWith("limit", StringComparison.Ordinal) ? "limit" : "cursor", detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_cursor_in_the_old_unsigned_format_is_400_however_well_formed()
    {
        await UploadAsync(_alice, "a1");
        await UploadAsync(_bob, "b1");
        var tooLong = Base64Url.EncodeToString(Encoding.UTF8.GetBytes("v1.1." + new string('x', 300)));
        var farFuture = Base64Url.EncodeToString(Encoding.UTF8.GetBytes("v1.253402300799999.zzzz"));
        var overflow = Base64Url.EncodeToString(Encoding.UTF8.GetBytes("v1.99999999999999999999999.x"));

        foreach (var forged in (string[])[tooLong, farFuture, overflow])
        {
            using var response = await _alice.GetAsync($"api/v1/videos?cursor={forged}");
            await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest);
        }
    }

    [Theory]
    [InlineData("101")]
    [InlineData("10000")]
    [InlineData("1000000")]
    [InlineData("99999999999999999999999999")]
    public async Task A_limit_above_100_is_400_naming_the_range_not_capped(string limit)
    {
        await UploadAsync(_alice, "a1");

        using var response = await _alice.GetAsync($"api/v1/videos?limit={limit}");

        Assert.Equal("limit must be a whole number from 1 to 100.", await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest));
    }

    [Fact]
    public async Task Without_a_token_the_list_is_401()
    {
        using var anonymous = _node.Client(user: null);

        using var response = await anonymous.GetAsync("api/v1/videos");

        await ProblemAssert.IsUnauthorizedAsync(response);
    }

    private static string[] Ids(JsonElement page) =>
        [.. page.GetProperty("items").EnumerateArray().Select(v => v.GetProperty("id").GetString()!)];

    private static async Task<JsonElement> ListAsync(HttpClient client, string url)
    {
        using var response = await client.GetAsync(url);
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    /// <summary>Distinct bytes per upload, and a pause so creation times differ (the order under test is by time).</summary>
    private async Task<string> UploadAsync(HttpClient client, string content, string? metadata = null)
    {
        var path = _files.Combine(content + ".bin");
        await File.WriteAllTextAsync(path, content);
        var id = await VideoRequests.UploadAsync(client, path, metadata);
        await Task.Delay(5);
        return id;
    }
}
