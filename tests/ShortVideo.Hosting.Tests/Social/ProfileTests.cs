using System.Net;
using ShortVideo.Hosting.Tests.Auth;
using static ShortVideo.Hosting.Tests.Social.SocialNode;

namespace ShortVideo.Hosting.Tests.Social;

/// <summary>GET|PATCH /api/v1/me and GET /api/v1/users/{id}: users appear with their first request, handles are unique regardless of case.</summary>
public sealed class ProfileTests(SocialNode social) : IClassFixture<SocialNode>
{
    [Fact]
    public async Task A_user_appears_with_their_first_request_with_a_handle_derived_from_their_id()
    {
        using var newcomer = social.Client("New.Comer-1");
        using var viewer = social.Client("p-viewer");

        using var before = await viewer.GetAsync("api/v1/users/New.Comer-1");
        await ProblemAssert.IsProblemAsync(before, HttpStatusCode.NotFound);
        var me = await GetAsync(newcomer, "api/v1/me");
        var seen = await GetAsync(viewer, "api/v1/users/New.Comer-1");

        Assert.Equal("New.Comer-1", me.GetProperty("id").GetString());
        Assert.Equal("new.comer_1", me.GetProperty("handle").GetString());
        Assert.Equal("new.comer_1", seen.GetProperty("displayName").GetString());
        Assert.Equal(0, seen.GetProperty("followerCount").GetInt64());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, seen.GetProperty("avatarUrl").ValueKind);
    }

    [Fact]
    public async Task Two_ids_that_map_to_the_same_handle_get_different_handles()
    {
        using var first = social.Client("same-id");
        using var second = social.Client("Same_id");

        var a = (await GetAsync(first, "api/v1/me")).GetProperty("handle").GetString();
        var b = (await GetAsync(second, "api/v1/me")).GetProperty("handle").GetString();

        Assert.Equal("same_id", a);
        Assert.NotEqual(a, b, StringComparer.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Patch_changes_handle_name_and_bio_and_a_handle_taken_in_any_case_is_409()
    {
        using var alice = await social.UserAsync("p-alice");
        using var bob = await social.UserAsync("p-bob");
        await OkAsync(alice, HttpMethod.Patch, "api/v1/me", new { handle = "Alice.Real" });

        var changed = await OkAsync(bob, HttpMethod.Patch, "api/v1/me", new { handle = "bobby", displayName = " Bob B. ", bio = "line one\nline two" });
        using var taken = await SendAsync(bob, HttpMethod.Patch, "api/v1/me", new { handle = "alice.REAL", bio = "changed" });

        Assert.Equal("bobby", changed.GetProperty("handle").GetString());
        Assert.Equal("Bob B.", changed.GetProperty("displayName").GetString());
        Assert.Equal("line one\nline two", changed.GetProperty("bio").GetString());
        Assert.Contains("taken", await ProblemAssert.IsProblemAsync(taken, HttpStatusCode.Conflict), StringComparison.Ordinal);
        var after = await GetAsync(alice, "api/v1/users/p-bob");
        Assert.Equal("bobby", after.GetProperty("handle").GetString());
        Assert.Equal("line one\nline two", after.GetProperty("bio").GetString());
    }

    [Theory]
    [InlineData("{\"handle\":\"a\"}")]
    [InlineData("{\"handle\":\".dot\"}")]
    [InlineData("{\"handle\":\"has space\"}")]
    [InlineData("{\"handle\":\"0123456789012345678901234567890\"}")]
    [InlineData("{\"handle\":null}")]
    [InlineData("{\"displayName\":\"\"}")]
    [InlineData("{\"displayName\":\"two\\nlines\"}")]
    [InlineData("{\"bio\":\"bell\\u0007\"}")]
    [InlineData("{\"handle\":42}")]
    [InlineData("{\"nickname\":\"x\"}")]
    [InlineData("[1,2]")]
    [InlineData("{\"handle\":")]
    [InlineData("{\"avatarVideoId\":\"not-a-video\"}")]
    public async Task A_bad_profile_change_is_400_and_changes_nothing(string body)
    {
        using var carol = await social.UserAsync("p-carol");

        using var response = await SendAsync(carol, HttpMethod.Patch, "api/v1/me", body);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal("p_carol", (await GetAsync(carol, "api/v1/me")).GetProperty("handle").GetString());
    }

    [Fact]
    public async Task A_bio_of_161_characters_is_400_and_null_clears_the_bio()
    {
        using var dave = await social.UserAsync("p-dave");
        await OkAsync(dave, HttpMethod.Patch, "api/v1/me", new { bio = "hello" });

        using var tooLong = await SendAsync(dave, HttpMethod.Patch, "api/v1/me", new { bio = new string('b', 161) });
        var cleared = await OkAsync(dave, HttpMethod.Patch, "api/v1/me", "{\"bio\":null}");

        await ProblemAssert.IsProblemAsync(tooLong, HttpStatusCode.BadRequest);
        Assert.Equal(string.Empty, cleared.GetProperty("bio").GetString());
    }

    [Fact]
    public async Task An_avatar_must_be_the_users_own_ready_public_video_and_the_refusal_is_the_same_for_a_strangers_private_one()
    {
        using var erin = await social.UserAsync("p-erin");
        using var stranger = await social.UserAsync("p-stranger");
        var unready = await social.UploadAsync(erin);
        var strangers = await social.UploadAsync(stranger, isPrivate: true);

        using var own = await SendAsync(erin, HttpMethod.Patch, "api/v1/me", new { avatarVideoId = unready });
        using var other = await SendAsync(erin, HttpMethod.Patch, "api/v1/me", new { avatarVideoId = strangers });
        using var missing = await SendAsync(erin, HttpMethod.Patch, "api/v1/me", new { avatarVideoId = "missing" });

        var sentence = await ProblemAssert.IsProblemAsync(own, HttpStatusCode.BadRequest);
        Assert.Equal(sentence, await ProblemAssert.IsProblemAsync(other, HttpStatusCode.BadRequest));
        Assert.Equal(sentence, await ProblemAssert.IsProblemAsync(missing, HttpStatusCode.BadRequest));
    }

    [Fact]
    public async Task The_owner_lists_all_their_videos_and_others_see_no_trace_of_private_or_unready_ones()
    {
        using var owner = await social.UserAsync("p-lister");
        using var viewer = await social.UserAsync("p-looker");
        var shown = await social.UploadAsync(owner);
        var hidden = await social.UploadAsync(owner, isPrivate: true);

        var own = await GetAsync(owner, "api/v1/users/p-lister/videos");
        var others = await GetAsync(viewer, "api/v1/users/p-lister/videos");

        Assert.Equal([hidden, shown], VideoIds(own));
        Assert.Empty(VideoIds(others));
        Assert.DoesNotContain(hidden, others.GetRawText(), StringComparison.Ordinal);
        using var missing = await viewer.GetAsync("api/v1/users/p-nobody/videos");
        await ProblemAssert.IsProblemAsync(missing, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_users_video_list_pages_with_a_cursor_that_only_its_viewer_may_use()
    {
        using var owner = await social.UserAsync("p-pager");
        using var viewer = await social.UserAsync("p-pager-viewer");
        var uploaded = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            uploaded.Add(await social.UploadAsync(owner));
            await Task.Delay(5);
        }

        var first = await GetAsync(owner, "api/v1/users/p-pager/videos?limit=2");
        var cursor = first.GetProperty("nextCursor").GetString()!;
        var second = await GetAsync(owner, $"api/v1/users/p-pager/videos?limit=2&cursor={Uri.EscapeDataString(cursor)}");
        using var stolen = await viewer.GetAsync($"api/v1/users/p-pager/videos?cursor={Uri.EscapeDataString(cursor)}");
        using var huge = await owner.GetAsync("api/v1/users/p-pager/videos?limit=10000");

        uploaded.Reverse();
        Assert.Equal(uploaded, [.. VideoIds(first), .. VideoIds(second)]);
        await ProblemAssert.IsProblemAsync(stolen, HttpStatusCode.BadRequest);
        await ProblemAssert.IsProblemAsync(huge, HttpStatusCode.BadRequest);
    }
}
