using System.Buffers.Text;
using System.Net;
using System.Text;
using ShortVideo.Hosting.Tests.Auth;
using static ShortVideo.Hosting.Tests.Social.SocialNode;

namespace ShortVideo.Hosting.Tests.Social;

/// <summary>Comments and replies over HTTP: one reply level, lists with signed cursors, deletion rights, bad input.</summary>
public sealed class CommentTests(SocialNode social) : IClassFixture<SocialNode>
{
    [Fact]
    public async Task A_comment_and_its_replies_list_with_reply_counts_and_a_reply_to_a_reply_joins_the_top_level_thread()
    {
        using var creator = social.Client("c-creator");
        using var alice = social.Client("c-alice");
        var video = await social.UploadAsync(creator);

        var top = await OkAsync(alice, HttpMethod.Post, $"api/v1/videos/{video}/comments", new { text = "First!" });
        var topId = top.GetProperty("id").GetString()!;
        var reply = await OkAsync(creator, HttpMethod.Post, $"api/v1/videos/{video}/comments", new { text = "Thanks", parentId = topId });
        var nested = await OkAsync(alice, HttpMethod.Post, $"api/v1/videos/{video}/comments", new { text = "You're welcome", parentId = reply.GetProperty("id").GetString() });

        Assert.Equal("c_alice", top.GetProperty("author").GetProperty("handle").GetString());
        Assert.Equal(topId, nested.GetProperty("parentId").GetString());
        var list = await GetAsync(alice, $"api/v1/videos/{video}/comments");
        var only = Assert.Single(list.GetProperty("items").EnumerateArray());
        Assert.Equal(topId, only.GetProperty("id").GetString());
        Assert.Equal(2, only.GetProperty("replyCount").GetInt64());
        var replies = await GetAsync(alice, $"api/v1/comments/{topId}/replies");
        Assert.Equal(["Thanks", "You're welcome"], replies.GetProperty("items").EnumerateArray().Select(c => c.GetProperty("text").GetString()));
    }

    [Fact]
    public async Task Pages_follow_nextCursor_newest_first_without_gaps_or_repeats()
    {
        using var creator = social.Client("page-creator");
        var video = await social.UploadAsync(creator);
        var written = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            written.Add((await OkAsync(creator, HttpMethod.Post, $"api/v1/videos/{video}/comments", new { text = $"comment {i}" })).GetProperty("id").GetString()!);

            // Distinct milliseconds, so "newest first" is the order written (ties are ordered by id; the Core tests page through those).
            await Task.Delay(3);
        }

        var seen = new List<string>();
        var url = $"api/v1/videos/{video}/comments?limit=2";
        while (true)
        {
            var page = await GetAsync(creator, url);
            seen.AddRange(Ids(page));
            if (page.GetProperty("nextCursor").GetString() is not { } next)
            {
                break;
            }

            url = $"api/v1/videos/{video}/comments?limit=2&cursor={Uri.EscapeDataString(next)}";
        }

        written.Reverse();
        Assert.Equal(written, seen);
    }

    [Fact]
    public async Task A_cursor_that_is_forged_tampered_another_users_or_another_lists_is_400_problem_json()
    {
        using var creator = social.Client("cursor-creator");
        using var other = social.Client("cursor-other");
        var video = await social.UploadAsync(creator);
        var second = await social.UploadAsync(creator);
        for (var i = 0; i < 3; i++)
        {
            await OkAsync(creator, HttpMethod.Post, $"api/v1/videos/{video}/comments", new { text = $"c{i}" });
        }

        var cursor = (await GetAsync(creator, $"api/v1/videos/{video}/comments?limit=1")).GetProperty("nextCursor").GetString()!;

        // The position moved (version and expiry kept in front, the 16-byte tag kept behind): the tag no longer matches.
        var body = Base64Url.DecodeFromChars(cursor);
        var position = Encoding.UTF8.GetString(body.AsSpan(9, body.Length - 9 - 16));
        var moved = Base64Url.EncodeToString([.. body[..9], .. Encoding.UTF8.GetBytes(position.Replace(".", ".9", StringComparison.Ordinal)), .. body[^16..]]);
        string[] bad =
        [
            "garbage",
            Base64Url.EncodeToString(Encoding.UTF8.GetBytes("v1.1000.x")),
            moved,
            cursor[..^2] + (cursor[^2] == 'A' ? "BA" : "AA"),
        ];

        foreach (var forged in bad)
        {
            using var refused = await creator.GetAsync($"api/v1/videos/{video}/comments?cursor={Uri.EscapeDataString(forged)}");
            Assert.Contains("cursor", await ProblemAssert.IsProblemAsync(refused, HttpStatusCode.BadRequest), StringComparison.Ordinal);
        }

        using var stolen = await other.GetAsync($"api/v1/videos/{video}/comments?cursor={Uri.EscapeDataString(cursor)}");
        using var elsewhere = await creator.GetAsync($"api/v1/videos/{second}/comments?cursor={Uri.EscapeDataString(cursor)}");
        await ProblemAssert.IsProblemAsync(stolen, HttpStatusCode.BadRequest);
        await ProblemAssert.IsProblemAsync(elsewhere, HttpStatusCode.BadRequest);
    }

    [Theory]
    [InlineData("limit=0")]
    [InlineData("limit=10000")]
    [InlineData("limit=-1")]
    [InlineData("limit=abc")]
    [InlineData("limit=1&limit=2")]
    public async Task A_limit_outside_1_to_100_is_400(string query)
    {
        using var creator = social.Client("limit-creator");
        var video = await social.UploadAsync(creator);

        using var response = await creator.GetAsync($"api/v1/videos/{video}/comments?{query}");

        Assert.Contains("limit", await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("bell\u0007")]
    [InlineData("nul\u0000")]
    [InlineData("escape\u001b[31m")]
    public async Task An_empty_blank_or_control_character_comment_is_400_and_nothing_is_stored(string text)
    {
        using var creator = social.Client("bad-comment-creator");
        var video = await social.UploadAsync(creator);

        using var response = await SendAsync(creator, HttpMethod.Post, $"api/v1/videos/{video}/comments", new { text });

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Empty(Ids(await GetAsync(creator, $"api/v1/videos/{video}/comments")));
    }

    [Fact]
    public async Task A_comment_of_2200_characters_is_taken_one_of_2201_is_400_and_line_breaks_are_fine()
    {
        using var creator = social.Client("long-comment-creator");
        var video = await social.UploadAsync(creator);

        using var tooLong = await SendAsync(creator, HttpMethod.Post, $"api/v1/videos/{video}/comments", new { text = new string('x', 2201) });
        var longest = await OkAsync(creator, HttpMethod.Post, $"api/v1/videos/{video}/comments", new { text = new string('x', 2200) });
        var lines = await OkAsync(creator, HttpMethod.Post, $"api/v1/videos/{video}/comments", new { text = "two\r\nlines" });

        Assert.Contains("2200", await ProblemAssert.IsProblemAsync(tooLong, HttpStatusCode.BadRequest), StringComparison.Ordinal);
        Assert.Equal(2200, longest.GetProperty("text").GetString()!.Length);
        Assert.Equal("two\nlines", lines.GetProperty("text").GetString());
        Assert.Equal(2, Ids(await GetAsync(creator, $"api/v1/videos/{video}/comments")).Length);
    }

    [Fact]
    public async Task Malformed_or_huge_bodies_are_refused_with_problem_json_and_store_nothing()
    {
        using var creator = social.Client("body-creator");
        var video = await social.UploadAsync(creator);

        using var malformed = await SendAsync(creator, HttpMethod.Post, $"api/v1/videos/{video}/comments", "{\"text\":");
        using var wrongType = await SendAsync(creator, HttpMethod.Post, $"api/v1/videos/{video}/comments", "{\"text\":42}");
        using var notObject = await SendAsync(creator, HttpMethod.Post, $"api/v1/videos/{video}/comments", "null");
        using var huge = await SendAsync(creator, HttpMethod.Post, $"api/v1/videos/{video}/comments", "{\"text\":\"" + new string('x', 200_000) + "\"}");

        await ProblemAssert.IsProblemAsync(malformed, HttpStatusCode.BadRequest);
        await ProblemAssert.IsProblemAsync(wrongType, HttpStatusCode.BadRequest);
        await ProblemAssert.IsProblemAsync(notObject, HttpStatusCode.BadRequest);
        await ProblemAssert.IsProblemAsync(huge, HttpStatusCode.RequestEntityTooLarge);
        Assert.Empty(Ids(await GetAsync(creator, $"api/v1/videos/{video}/comments")));
    }

    [Fact]
    public async Task Comments_on_a_missing_or_another_users_private_video_are_404_for_reading_and_writing()
    {
        using var owner = social.Client("hidden-owner");
        using var stranger = social.Client("hidden-stranger");
        var hidden = await social.UploadAsync(owner, isPrivate: true);
        var ownComment = await OkAsync(owner, HttpMethod.Post, $"api/v1/videos/{hidden}/comments", new { text = "note to self" });

        using var write = await SendAsync(stranger, HttpMethod.Post, $"api/v1/videos/{hidden}/comments", new { text = "hi" });
        using var read = await stranger.GetAsync($"api/v1/videos/{hidden}/comments");
        using var replies = await stranger.GetAsync($"api/v1/comments/{ownComment.GetProperty("id").GetString()}/replies");
        using var delete = await SendAsync(stranger, HttpMethod.Delete, $"api/v1/comments/{ownComment.GetProperty("id").GetString()}");
        using var missing = await SendAsync(stranger, HttpMethod.Post, "api/v1/videos/nope/comments", new { text = "hi" });

        await ProblemAssert.IsProblemAsync(write, HttpStatusCode.NotFound);
        await ProblemAssert.IsProblemAsync(read, HttpStatusCode.NotFound);
        await ProblemAssert.IsProblemAsync(replies, HttpStatusCode.NotFound);
        await ProblemAssert.IsProblemAsync(delete, HttpStatusCode.NotFound);
        await ProblemAssert.IsProblemAsync(missing, HttpStatusCode.NotFound);
        Assert.Single(Ids(await GetAsync(owner, $"api/v1/videos/{hidden}/comments")));
    }

    [Fact]
    public async Task The_author_and_the_videos_creator_may_delete_a_comment_anyone_else_gets_403()
    {
        using var creator = social.Client("del-creator");
        using var author = social.Client("del-author");
        using var bystander = social.Client("del-bystander");
        var video = await social.UploadAsync(creator);
        var first = (await OkAsync(author, HttpMethod.Post, $"api/v1/videos/{video}/comments", new { text = "one" })).GetProperty("id").GetString();
        var second = (await OkAsync(author, HttpMethod.Post, $"api/v1/videos/{video}/comments", new { text = "two" })).GetProperty("id").GetString();
        await OkAsync(bystander, HttpMethod.Post, $"api/v1/videos/{video}/comments", new { text = "reply", parentId = first });

        using var forbidden = await SendAsync(bystander, HttpMethod.Delete, $"api/v1/comments/{first}");
        using var byAuthor = await SendAsync(author, HttpMethod.Delete, $"api/v1/comments/{first}");
        using var byCreator = await SendAsync(creator, HttpMethod.Delete, $"api/v1/comments/{second}");
        using var again = await SendAsync(creator, HttpMethod.Delete, $"api/v1/comments/{second}");

        await ProblemAssert.IsProblemAsync(forbidden, HttpStatusCode.Forbidden);
        Assert.Equal(HttpStatusCode.NoContent, byAuthor.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, byCreator.StatusCode);
        await ProblemAssert.IsProblemAsync(again, HttpStatusCode.NotFound);
        Assert.Empty(Ids(await GetAsync(creator, $"api/v1/videos/{video}/comments")));
    }

    [Fact]
    public async Task A_reply_to_a_comment_on_another_video_is_400()
    {
        using var creator = social.Client("cross-creator");
        var one = await social.UploadAsync(creator);
        var two = await social.UploadAsync(creator);
        var comment = (await OkAsync(creator, HttpMethod.Post, $"api/v1/videos/{one}/comments", new { text = "on one" })).GetProperty("id").GetString();

        using var response = await SendAsync(creator, HttpMethod.Post, $"api/v1/videos/{two}/comments", new { text = "x", parentId = comment });

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest);
    }
}
