using System.Net;
using System.Text;
using System.Text.Json;
using ShortVideo.Hosting.Tests.Media;
using static ShortVideo.Hosting.Tests.Social.SocialNode;

namespace ShortVideo.Hosting.Tests.Social;

/// <summary>
/// Users who blocked each other, either way, never see each other's videos: every path that names the creator's video
/// (metadata, comments, replies, like, not-interested, every media file) and the creator's video list answers the
/// viewer exactly as an unknown id does (status, headers, problem body), and unblocking gives everything back.
/// </summary>
public sealed class BlockEverywhereTests(BlockNode fixture) : IClassFixture<BlockNode>
{
    [Fact]
    public async Task Every_path_of_a_video_answers_a_viewer_its_creator_blocked_exactly_like_an_unknown_id_until_unblocked()
    {
        using var viewer = await UserAsync("blk-viewer-a");
        var paths = await PathsAsync(viewer);
        await AllSucceedAsync(viewer, paths);

        await OkAsync(fixture.Creator, HttpMethod.Put, "api/v1/users/blk-viewer-a/block");

        // The blocker is gone for the blocked viewer: their profile and follow answer like an unknown user too.
        await AllLikeUnknownAsync(viewer, [.. paths, new(HttpMethod.Get, $"api/v1/users/{BlockNode.CreatorId}"), new(HttpMethod.Put, $"api/v1/users/{BlockNode.CreatorId}/follow")]);

        await OkAsync(fixture.Creator, HttpMethod.Delete, "api/v1/users/blk-viewer-a/block");
        await AllSucceedAsync(viewer, paths);
    }

    [Fact]
    public async Task Every_path_of_a_video_answers_a_viewer_who_blocked_its_creator_exactly_like_an_unknown_id_until_they_unblock()
    {
        using var viewer = await UserAsync("blk-viewer-b");
        var paths = await PathsAsync(viewer);
        await AllSucceedAsync(viewer, paths);
        Assert.Equal(fixture.VideoId, (await GetAsync(viewer, $"api/v1/users/{BlockNode.CreatorId}")).GetProperty("avatarVideoId").GetString());

        await OkAsync(viewer, HttpMethod.Put, $"api/v1/users/{BlockNode.CreatorId}/block");

        await AllLikeUnknownAsync(viewer, paths);

        // The blocker still finds the profile they blocked, marked and without its avatar, so they can unblock it.
        var profile = await GetAsync(viewer, $"api/v1/users/{BlockNode.CreatorId}");
        Assert.True(profile.GetProperty("blockedByMe").GetBoolean());
        Assert.Equal(JsonValueKind.Null, profile.GetProperty("avatarUrl").ValueKind);
        Assert.Equal(JsonValueKind.Null, profile.GetProperty("avatarVideoId").ValueKind);

        await OkAsync(viewer, HttpMethod.Delete, $"api/v1/users/{BlockNode.CreatorId}/block");
        await AllSucceedAsync(viewer, paths);
    }

    [Fact]
    public async Task Public_media_stays_readable_without_a_token_because_a_block_needs_to_know_who_asks()
    {
        using var viewer = await UserAsync("blk-viewer-c");
        var media = await MediaUrls.AllAsync(viewer, fixture.Video);
        await OkAsync(fixture.Creator, HttpMethod.Put, "api/v1/users/blk-viewer-c/block");
        using var anonymous = new HttpClient();

        foreach (var url in media)
        {
            using var withToken = await viewer.GetAsync(url);
            using var withoutToken = await anonymous.GetAsync(url);
            Assert.Equal(HttpStatusCode.NotFound, withToken.StatusCode);
            Assert.Equal(HttpStatusCode.OK, withoutToken.StatusCode);
        }
    }

    private sealed record Request(HttpMethod Method, string Path, object? Body = null);

    private async Task<HttpClient> UserAsync(string name)
    {
        var client = fixture.Node.Client(name);
        using var me = await client.GetAsync("api/v1/me");
        Assert.Equal(HttpStatusCode.OK, me.StatusCode);
        return client;
    }

    /// <summary>Every request that names the creator's video, their comment on it, or the creator's video list.</summary>
    private async Task<List<Request>> PathsAsync(HttpClient viewer)
    {
        var video = fixture.VideoId;
        List<Request> paths =
        [
            new(HttpMethod.Get, $"api/v1/videos/{video}"),
            new(HttpMethod.Get, $"api/v1/videos/{video}/comments"),
            new(HttpMethod.Post, $"api/v1/videos/{video}/comments", new { text = "hello" }),
            new(HttpMethod.Put, $"api/v1/videos/{video}/like"),
            new(HttpMethod.Delete, $"api/v1/videos/{video}/like"),
            new(HttpMethod.Put, $"api/v1/videos/{video}/not-interested"),
            new(HttpMethod.Get, $"api/v1/comments/{fixture.CommentId}/replies"),
            new(HttpMethod.Get, $"api/v1/users/{BlockNode.CreatorId}/videos"),
        ];
        foreach (var url in await MediaUrls.AllAsync(viewer, fixture.Video))
        {
            paths.Add(new(HttpMethod.Get, url));
        }

        return paths;
    }

    private static async Task AllSucceedAsync(HttpClient viewer, IEnumerable<Request> requests)
    {
        foreach (var request in requests)
        {
            using var response = await SendAsync(viewer, request.Method, request.Path, request.Body);
            Assert.True(response.IsSuccessStatusCode, $"{request.Method} {request.Path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
    }

    /// <summary>Each request answers exactly as the same request naming unknown ids of the same lengths.</summary>
    private async Task AllLikeUnknownAsync(HttpClient viewer, IEnumerable<Request> requests)
    {
        (string Real, string Unknown)[] ids =
        [
            (fixture.VideoId, new string('0', fixture.VideoId.Length)),
            (fixture.CommentId, new string('1', fixture.CommentId.Length)),
            (BlockNode.CreatorId, new string('z', BlockNode.CreatorId.Length)),
        ];
        foreach (var request in requests)
        {
            var unknownPath = ids.Aggregate(request.Path, (path, id) => path.Replace(id.Real, id.Unknown, StringComparison.Ordinal));
            var unknown = await AnswerAsync(viewer, request with { Path = unknownPath }, ids);
            var blocked = await AnswerAsync(viewer, request, ids);
            Assert.StartsWith("404 ", unknown, StringComparison.Ordinal);
            Assert.True(unknown == blocked, $"{request.Method} {request.Path}:\nblocked: {blocked}\nunknown: {unknown}");
        }
    }

    /// <summary>Status, headers (but Date) and the problem body without its traceId, ids replaced by placeholders.</summary>
    private static async Task<string> AnswerAsync(HttpClient viewer, Request request, (string Real, string Unknown)[] ids)
    {
        using var response = await SendAsync(viewer, request.Method, request.Path, request.Body);
        var text = new StringBuilder().Append((int)response.StatusCode).Append(' ');
        foreach (var (name, values) in response.Headers.Concat(response.Content.Headers).Where(h => h.Key != "Date").OrderBy(h => h.Key, StringComparer.Ordinal))
        {
            text.Append(name).Append(": ").AppendJoin(", ", values).Append('\n');
        }

        var body = await response.Content.ReadAsStringAsync();
        text.Append(response.Content.Headers.ContentType?.MediaType == "application/problem+json" ? MediaUrls.Problem(body) : body);
        return ids.Aggregate(text.ToString(), (all, id) => all.Replace(id.Real, "{id}", StringComparison.Ordinal).Replace(id.Unknown, "{id}", StringComparison.Ordinal));
    }
}
