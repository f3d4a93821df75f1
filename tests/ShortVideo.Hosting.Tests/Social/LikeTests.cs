using System.Net;
using ShortVideo.Hosting.Tests.Auth;
using static ShortVideo.Hosting.Tests.Social.SocialNode;

namespace ShortVideo.Hosting.Tests.Social;

/// <summary>PUT|DELETE /api/v1/videos/{id}/like on a real node: idempotent, counted once, exact at once, 404 for what the viewer may not see.</summary>
public sealed class LikeTests(SocialNode social) : IClassFixture<SocialNode>
{
    [Fact]
    public async Task Liking_twice_counts_once_and_the_count_and_state_are_exact_at_once()
    {
        using var creator = social.Client("like-creator");
        using var fan = social.Client("like-fan");
        using var other = social.Client("like-other");
        var video = await social.UploadAsync(creator);

        var first = await OkAsync(fan, HttpMethod.Put, $"api/v1/videos/{video}/like");
        var second = await OkAsync(fan, HttpMethod.Put, $"api/v1/videos/{video}/like");
        var third = await OkAsync(other, HttpMethod.Put, $"api/v1/videos/{video}/like");

        Assert.True(first.GetProperty("liked").GetBoolean());
        Assert.Equal(1, first.GetProperty("likeCount").GetInt64());
        Assert.Equal(1, second.GetProperty("likeCount").GetInt64());
        Assert.Equal(2, third.GetProperty("likeCount").GetInt64());
        var profile = await GetAsync(fan, "api/v1/users/like-creator");
        Assert.Equal(2, profile.GetProperty("likeCount").GetInt64());
    }

    [Fact]
    public async Task Unliking_is_idempotent_and_takes_the_like_back_from_the_video_and_its_creator()
    {
        using var creator = social.Client("unlike-creator");
        using var fan = social.Client("unlike-fan");
        var video = await social.UploadAsync(creator);
        await OkAsync(fan, HttpMethod.Put, $"api/v1/videos/{video}/like");

        var unliked = await OkAsync(fan, HttpMethod.Delete, $"api/v1/videos/{video}/like");
        var again = await OkAsync(fan, HttpMethod.Delete, $"api/v1/videos/{video}/like");

        Assert.False(unliked.GetProperty("liked").GetBoolean());
        Assert.Equal(0, unliked.GetProperty("likeCount").GetInt64());
        Assert.Equal(0, again.GetProperty("likeCount").GetInt64());
        Assert.Equal(0, (await GetAsync(fan, "api/v1/users/unlike-creator")).GetProperty("likeCount").GetInt64());
    }

    [Fact]
    public async Task Counts_survive_a_restart_because_pending_increments_are_flushed_on_shutdown()
    {
        var dataDir = Directory.CreateTempSubdirectory("sv-likes-").FullName;
        try
        {
            string video;
            await using (var node = await Testing.InProcessNode.StartAsync(o => o["Node:Roles"] = "api", dataDir))
            {
                using var creator = node.Client("creator");
                using var fan = node.Client("fan");
                var path = Path.Combine(dataDir, "clip.bin");
                await File.WriteAllTextAsync(path, "restart clip");
                video = await Testing.VideoRequests.UploadAsync(creator, path);
                await OkAsync(fan, HttpMethod.Put, $"api/v1/videos/{video}/like");
                await OkAsync(fan, HttpMethod.Put, "api/v1/users/creator/follow");
            }

            await using var restarted = await Testing.InProcessNode.StartAsync(o => o["Node:Roles"] = "api", dataDir);
            using var viewer = restarted.Client("viewer");
            var profile = await GetAsync(viewer, "api/v1/users/creator");
            Assert.Equal(1, profile.GetProperty("likeCount").GetInt64());
            Assert.Equal(1, profile.GetProperty("followerCount").GetInt64());
            var again = await OkAsync(viewer, HttpMethod.Put, $"api/v1/videos/{video}/like");
            Assert.Equal(2, again.GetProperty("likeCount").GetInt64());
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(dataDir, recursive: true);
        }
    }

    [Fact]
    public async Task Liking_a_missing_video_or_another_users_private_video_is_404_like_an_unknown_id()
    {
        using var owner = social.Client("like-private-owner");
        using var stranger = social.Client("like-stranger");
        var hidden = await social.UploadAsync(owner, isPrivate: true);

        using var missing = await SendAsync(stranger, HttpMethod.Put, "api/v1/videos/no-such-video/like");
        using var notVisible = await SendAsync(stranger, HttpMethod.Put, $"api/v1/videos/{hidden}/like");

        await ProblemAssert.IsProblemAsync(missing, HttpStatusCode.NotFound);
        var detail = await ProblemAssert.IsProblemAsync(notVisible, HttpStatusCode.NotFound);
        Assert.Equal($"No video with id '{hidden}' exists.", detail);
        var own = await OkAsync(owner, HttpMethod.Put, $"api/v1/videos/{hidden}/like");
        Assert.Equal(1, own.GetProperty("likeCount").GetInt64());
    }

    [Fact]
    public async Task Without_a_token_a_like_is_401()
    {
        using var anonymous = social.Node.Client(user: null);

        using var response = await SendAsync(anonymous, HttpMethod.Put, "api/v1/videos/x/like");

        await ProblemAssert.IsUnauthorizedAsync(response);
    }

    [Fact]
    public async Task Not_interested_is_accepted_for_a_visible_video_and_404_for_a_hidden_one()
    {
        using var owner = social.Client("ni-owner");
        using var viewer = social.Client("ni-viewer");
        var shown = await social.UploadAsync(owner);
        var hidden = await social.UploadAsync(owner, isPrivate: true);

        var marked = await OkAsync(viewer, HttpMethod.Put, $"api/v1/videos/{shown}/not-interested");
        using var refused = await SendAsync(viewer, HttpMethod.Put, $"api/v1/videos/{hidden}/not-interested");

        Assert.True(marked.GetProperty("notInterested").GetBoolean());
        await ProblemAssert.IsProblemAsync(refused, HttpStatusCode.NotFound);
    }
}
