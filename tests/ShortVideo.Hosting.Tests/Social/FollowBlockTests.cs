using System.Net;
using ShortVideo.Hosting.Tests.Auth;
using static ShortVideo.Hosting.Tests.Social.SocialNode;

namespace ShortVideo.Hosting.Tests.Social;

/// <summary>
/// Follows and blocks over HTTP. The block rule tested is the one users know from Instagram and TikTok: the blocked
/// user finds the blocker gone ("user not found"), the blocker still sees the blocked profile (to unblock it).
/// </summary>
public sealed class FollowBlockTests(SocialNode social) : IClassFixture<SocialNode>
{
    [Fact]
    public async Task Following_is_idempotent_and_counts_followers_and_following_at_once()
    {
        using var fan = await social.UserAsync("f-fan");
        using var star = await social.UserAsync("f-star");

        var first = await OkAsync(fan, HttpMethod.Put, "api/v1/users/f-star/follow");
        var second = await OkAsync(fan, HttpMethod.Put, "api/v1/users/f-star/follow");

        Assert.True(first.GetProperty("following").GetBoolean());
        Assert.Equal(1, first.GetProperty("followerCount").GetInt64());
        Assert.Equal(1, second.GetProperty("followerCount").GetInt64());
        var starProfile = await GetAsync(fan, "api/v1/users/f-star");
        Assert.True(starProfile.GetProperty("followedByMe").GetBoolean());
        Assert.Equal(1, (await GetAsync(fan, "api/v1/me")).GetProperty("followingCount").GetInt64());
        Assert.True((await GetAsync(star, "api/v1/users/f-fan")).GetProperty("followsMe").GetBoolean());

        var unfollowed = await OkAsync(fan, HttpMethod.Delete, "api/v1/users/f-star/follow");
        Assert.False(unfollowed.GetProperty("following").GetBoolean());
        Assert.Equal(0, unfollowed.GetProperty("followerCount").GetInt64());
        Assert.Equal(0, (await OkAsync(fan, HttpMethod.Delete, "api/v1/users/f-star/follow")).GetProperty("followerCount").GetInt64());
    }

    [Fact]
    public async Task Following_yourself_is_400_with_a_sentence_and_following_a_missing_user_is_404()
    {
        using var self = await social.UserAsync("f-self");

        using var yourself = await SendAsync(self, HttpMethod.Put, "api/v1/users/f-self/follow");
        using var missing = await SendAsync(self, HttpMethod.Put, "api/v1/users/nobody-at-all/follow");

        Assert.Contains("yourself", await ProblemAssert.IsProblemAsync(yourself, HttpStatusCode.BadRequest), StringComparison.Ordinal);
        await ProblemAssert.IsProblemAsync(missing, HttpStatusCode.NotFound);
        Assert.Equal(0, (await GetAsync(self, "api/v1/me")).GetProperty("followingCount").GetInt64());
    }

    [Fact]
    public async Task A_block_removes_follows_both_ways_and_the_counts_with_them()
    {
        using var a = await social.UserAsync("b-a");
        using var b = await social.UserAsync("b-b");
        await OkAsync(a, HttpMethod.Put, "api/v1/users/b-b/follow");
        await OkAsync(b, HttpMethod.Put, "api/v1/users/b-a/follow");

        var blocked = await OkAsync(a, HttpMethod.Put, "api/v1/users/b-b/block");

        Assert.True(blocked.GetProperty("blocked").GetBoolean());
        var seenByBlocker = await GetAsync(a, "api/v1/users/b-b");
        Assert.True(seenByBlocker.GetProperty("blockedByMe").GetBoolean());
        Assert.False(seenByBlocker.GetProperty("followedByMe").GetBoolean());
        Assert.Equal(0, seenByBlocker.GetProperty("followerCount").GetInt64());
        Assert.Equal(0, seenByBlocker.GetProperty("followingCount").GetInt64());
        var me = await GetAsync(a, "api/v1/me");
        Assert.Equal(0, me.GetProperty("followerCount").GetInt64());
        Assert.Equal(0, me.GetProperty("followingCount").GetInt64());
    }

    [Fact]
    public async Task The_blocked_user_finds_the_blocker_gone_profile_videos_follow_likes_and_comments_all_404()
    {
        using var blocker = await social.UserAsync("g-blocker");
        using var blocked = await social.UserAsync("g-blocked");
        var video = await social.UploadAsync(blocker);
        await OkAsync(blocker, HttpMethod.Put, "api/v1/users/g-blocked/block");

        using var profile = await blocked.GetAsync("api/v1/users/g-blocker");
        using var videos = await blocked.GetAsync("api/v1/users/g-blocker/videos");
        using var follow = await SendAsync(blocked, HttpMethod.Put, "api/v1/users/g-blocker/follow");
        using var like = await SendAsync(blocked, HttpMethod.Put, $"api/v1/videos/{video}/like");
        using var comment = await SendAsync(blocked, HttpMethod.Post, $"api/v1/videos/{video}/comments", new { text = "hey" });
        using var blockBack = await SendAsync(blocked, HttpMethod.Put, "api/v1/users/g-blocker/block");

        Assert.Equal("No user with id 'g-blocker' exists.", await ProblemAssert.IsProblemAsync(profile, HttpStatusCode.NotFound));
        await ProblemAssert.IsProblemAsync(videos, HttpStatusCode.NotFound);
        await ProblemAssert.IsProblemAsync(follow, HttpStatusCode.NotFound);
        await ProblemAssert.IsProblemAsync(like, HttpStatusCode.NotFound);
        await ProblemAssert.IsProblemAsync(comment, HttpStatusCode.NotFound);
        await ProblemAssert.IsProblemAsync(blockBack, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task The_blocker_may_not_follow_until_they_unblock_and_unblocking_does_not_restore_old_follows()
    {
        using var blocker = await social.UserAsync("h-blocker");
        using var other = await social.UserAsync("h-other");
        await OkAsync(blocker, HttpMethod.Put, "api/v1/users/h-other/follow");
        await OkAsync(blocker, HttpMethod.Put, "api/v1/users/h-other/block");

        using var refused = await SendAsync(blocker, HttpMethod.Put, "api/v1/users/h-other/follow");
        Assert.Contains("unblock", await ProblemAssert.IsProblemAsync(refused, HttpStatusCode.Conflict), StringComparison.Ordinal);

        var unblocked = await OkAsync(blocker, HttpMethod.Delete, "api/v1/users/h-other/block");
        Assert.False(unblocked.GetProperty("blocked").GetBoolean());
        Assert.False((await GetAsync(blocker, "api/v1/users/h-other")).GetProperty("followedByMe").GetBoolean());
        Assert.Equal(1, (await OkAsync(blocker, HttpMethod.Put, "api/v1/users/h-other/follow")).GetProperty("followerCount").GetInt64());
        Assert.Equal(HttpStatusCode.OK, (await other.GetAsync("api/v1/users/h-blocker")).StatusCode);
    }

    [Fact]
    public async Task Blocking_yourself_is_400_and_blocking_a_missing_user_is_404()
    {
        using var self = await social.UserAsync("k-self");

        using var yourself = await SendAsync(self, HttpMethod.Put, "api/v1/users/k-self/block");
        using var missing = await SendAsync(self, HttpMethod.Put, "api/v1/users/k-nobody/block");

        await ProblemAssert.IsProblemAsync(yourself, HttpStatusCode.BadRequest);
        await ProblemAssert.IsProblemAsync(missing, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Comments_by_a_blocked_user_leave_the_blockers_lists()
    {
        using var creator = await social.UserAsync("m-creator");
        using var troll = await social.UserAsync("m-troll");
        var video = await social.UploadAsync(creator);
        await OkAsync(troll, HttpMethod.Post, $"api/v1/videos/{video}/comments", new { text = "rude" });
        Assert.Single(Ids(await GetAsync(creator, $"api/v1/videos/{video}/comments")));

        await OkAsync(creator, HttpMethod.Put, "api/v1/users/m-troll/block");

        Assert.Empty(Ids(await GetAsync(creator, $"api/v1/videos/{video}/comments")));
    }
}
