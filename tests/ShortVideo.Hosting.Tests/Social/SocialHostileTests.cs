using System.Net;
using System.Text;
using ShortVideo.Hosting.Tests.Auth;
using static ShortVideo.Hosting.Tests.Social.SocialNode;

namespace ShortVideo.Hosting.Tests.Social;

/// <summary>The social API attacked as a hostile client would: odd ids, deep JSON, broken text, floods of unknown ids.</summary>
public sealed class SocialHostileTests(SocialNode social) : IClassFixture<SocialNode>
{
    [Fact]
    public async Task A_very_long_id_in_a_path_is_a_404_problem_that_echoes_only_its_start()
    {
        using var client = social.Client("h-long");
        var id = new string('z', 2000);

        using var like = await SendAsync(client, HttpMethod.Put, $"api/v1/videos/{id}/like");
        using var profile = await client.GetAsync($"api/v1/users/{id}");

        Assert.Equal($"No video with id '{id[..40]}' exists.", await ProblemAssert.IsProblemAsync(like, HttpStatusCode.NotFound));
        await ProblemAssert.IsProblemAsync(profile, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Deeply_nested_json_is_400_not_a_crash()
    {
        using var client = social.Client("h-deep");
        var deep = new StringBuilder("{\"events\":");
        deep.Append('[', 2000).Append(']', 2000).Append('}');

        using var events = await SendAsync(client, HttpMethod.Post, "api/v1/events", deep.ToString());
        using var patch = await SendAsync(client, HttpMethod.Patch, "api/v1/me", "{\"bio\":" + new string('[', 2000) + new string(']', 2000) + "}");

        await ProblemAssert.IsProblemAsync(events, HttpStatusCode.BadRequest);
        await ProblemAssert.IsProblemAsync(patch, HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task A_batch_of_500_made_up_video_ids_is_ignored_whole_and_stores_nothing()
    {
        using var client = social.Client("h-flood");
        var at = DateTimeOffset.UtcNow;
        var events = Enumerable.Range(0, 500).Select(i => new { clientEventId = $"x{i}", type = "like", videoId = $"guess-{i}", at }).ToArray();

        var result = await OkAsync(client, HttpMethod.Post, "api/v1/events", new { events });

        Assert.Equal(500, result.GetProperty("ignored").GetInt32());
        Assert.Equal(0, result.GetProperty("accepted").GetInt32());
    }

    [Theory]
    [InlineData("{\"text\":\"broken \\ud800 pair\"}")]
    [InlineData("{\"text\":\"carriage\\rreturn\"}")]
    [InlineData("{\"text\":\"tab\\there\"}")]
    public async Task Comments_with_broken_surrogates_lone_carriage_returns_or_tabs_are_400(string body)
    {
        using var client = social.Client("h-text");
        var video = await social.UploadAsync(client);

        using var response = await SendAsync(client, HttpMethod.Post, $"api/v1/videos/{video}/comments", body);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest);
    }

    [Theory]
    [InlineData("ålice")]
    [InlineData("al\u200Bice")]
    [InlineData("ali ce")]
    public async Task A_handle_outside_ascii_letters_digits_underscore_and_dot_is_400_so_no_lookalike_can_impersonate(string handle)
    {
        using var client = social.Client("h-handle");

        using var response = await SendAsync(client, HttpMethod.Patch, "api/v1/me", new { handle });

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Another_users_comment_id_cannot_be_deleted_by_guessing_and_a_made_up_one_is_404()
    {
        using var author = social.Client("h-author");
        using var attacker = social.Client("h-attacker");
        var video = await social.UploadAsync(author);
        var comment = (await OkAsync(author, HttpMethod.Post, $"api/v1/videos/{video}/comments", new { text = "mine" })).GetProperty("id").GetString();

        using var guessed = await SendAsync(attacker, HttpMethod.Delete, "api/v1/comments/00000000000000000000");
        using var targeted = await SendAsync(attacker, HttpMethod.Delete, $"api/v1/comments/{comment}");

        await ProblemAssert.IsProblemAsync(guessed, HttpStatusCode.NotFound);
        await ProblemAssert.IsProblemAsync(targeted, HttpStatusCode.Forbidden);
        Assert.Single(Ids(await GetAsync(author, $"api/v1/videos/{video}/comments")));
    }
}
