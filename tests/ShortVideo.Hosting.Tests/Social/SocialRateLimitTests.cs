using System.Globalization;
using System.Net;
using ShortVideo.Hosting.Tests.Auth;
using ShortVideo.Testing;
using static ShortVideo.Hosting.Tests.Social.SocialNode;

namespace ShortVideo.Hosting.Tests.Social;

/// <summary>Per-user limits on social writes (ASP.NET Core's rate limiter): 429 with Retry-After and a sentence, configurable, per user.</summary>
public sealed class SocialRateLimitTests : IAsyncLifetime
{
    private InProcessNode _node = null!;

    public async Task InitializeAsync() =>
        _node = await InProcessNode.StartAsync(o =>
        {
            o["Node:Roles"] = "api";
            foreach (var name in (string[])["Events", "Likes", "Comments", "Follows"])
            {
                o[$"RateLimits:{name}:PermitLimit"] = "2";
                o[$"RateLimits:{name}:Window"] = "01:00:00";
            }
        });

    public async Task DisposeAsync() => await _node.DisposeAsync();

    [Theory]
    [InlineData("PUT", "api/v1/videos/v/like", "likes")]
    [InlineData("POST", "api/v1/videos/v/comments", "comments")]
    [InlineData("PUT", "api/v1/users/u/follow", "follows")]
    [InlineData("POST", "api/v1/events", "event batches")]
    public async Task A_third_write_past_a_limit_of_two_is_429_with_retry_after_while_another_user_still_writes(string method, string url, string what)
    {
        var user = "rl-" + Guid.NewGuid().ToString("N")[..8];
        using var client = _node.Client(user);
        for (var i = 0; i < 2; i++)
        {
            using var allowed = await SendAsync(client, new HttpMethod(method), url, "{}");
            Assert.NotEqual((HttpStatusCode)429, allowed.StatusCode);
        }

        using var limited = await SendAsync(client, new HttpMethod(method), url, "{}");
        using var other = _node.Client(user + "-other");
        using var otherUser = await SendAsync(other, new HttpMethod(method), url, "{}");

        var detail = await ProblemAssert.IsProblemAsync(limited, (HttpStatusCode)429);
        Assert.Contains($"Too many {what}", detail, StringComparison.Ordinal);
        Assert.InRange(int.Parse(limited.Headers.GetValues("Retry-After").Single(), CultureInfo.InvariantCulture), 1, 3600);
        Assert.NotEqual((HttpStatusCode)429, otherUser.StatusCode);
    }

    [Fact]
    public async Task Reads_are_not_limited()
    {
        using var client = _node.Client("rl-reader");
        for (var i = 0; i < 10; i++)
        {
            using var response = await client.GetAsync("api/v1/me");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
    }
}
