using System.Globalization;
using System.Net;
using ShortVideo.Hosting.Tests.Auth;
using ShortVideo.Testing;
using static ShortVideo.Testing.TusRequests;

namespace ShortVideo.Hosting.Tests.Uploads;

/// <summary>The per-user rate limit on starting uploads (tus creation), over HTTP against a real node.</summary>
public sealed class UploadRateLimitTests
{
    [Fact]
    public async Task A_burst_of_creations_past_the_limit_gets_429_with_retry_after_and_creation_works_again_after_the_wait()
    {
        // 3 at once, then one every second.
        await using var node = await StartAsync(permits: 3, window: "00:00:03");
        using var alice = node.Client("alice");
        for (var i = 0; i < 3; i++)
        {
            using var created = await alice.SendAsync(Create(10));
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        }

        using var limited = await alice.SendAsync(Create(10));
        var detail = await ProblemAssert.IsProblemAsync(limited, (HttpStatusCode)429);
        Assert.Contains("may start 3 at once", detail, StringComparison.Ordinal);
        var retryAfter = int.Parse(limited.Headers.GetValues("Retry-After").Single(), CultureInfo.InvariantCulture);
        Assert.InRange(retryAfter, 1, 3);
        Assert.Equal("1.0.0", limited.Headers.GetValues("Tus-Resumable").Single());

        await Task.Delay(TimeSpan.FromSeconds(retryAfter) + TimeSpan.FromMilliseconds(300));
        using var again = await alice.SendAsync(Create(10));
        Assert.Equal(HttpStatusCode.Created, again.StatusCode);
    }

    [Fact]
    public async Task Head_patch_and_delete_of_existing_uploads_are_not_limited()
    {
        await using var node = await StartAsync(permits: 1, window: "01:00:00");
        using var alice = node.Client("alice");
        using var created = await alice.SendAsync(Create(1000));
        var location = created.Headers.Location!;
        using (var limited = await alice.SendAsync(Create(10)))
        {
            Assert.Equal((HttpStatusCode)429, limited.StatusCode);
        }

        for (var offset = 0; offset < 1000; offset += 100)
        {
            using var head = await alice.SendAsync(Head(location));
            Assert.Equal(HttpStatusCode.OK, head.StatusCode);
            using var patch = await alice.SendAsync(Patch(location, offset, new byte[100]));
            Assert.Equal(HttpStatusCode.NoContent, patch.StatusCode);
        }

        using var delete = await alice.SendAsync(Delete(location));
        Assert.Equal(HttpStatusCode.NoContent, delete.StatusCode);
    }

    [Fact]
    public async Task Each_user_has_their_own_creation_limit()
    {
        await using var node = await StartAsync(permits: 1, window: "01:00:00");
        using var alice = node.Client("alice");
        using var bob = node.Client("bob");
        using (var first = await alice.SendAsync(Create(10)))
        {
            Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        }

        using (var limited = await alice.SendAsync(Create(10)))
        {
            Assert.Equal((HttpStatusCode)429, limited.StatusCode);
        }

        using var other = await bob.SendAsync(Create(10));
        Assert.Equal(HttpStatusCode.Created, other.StatusCode);
    }

    [Fact]
    public async Task A_request_without_a_token_is_401_and_does_not_use_anyones_permits()
    {
        await using var node = await StartAsync(permits: 1, window: "01:00:00");
        using var anonymous = node.Client(user: null);
        for (var i = 0; i < 3; i++)
        {
            using var refused = await anonymous.SendAsync(Create(10));
            Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        }

        using var alice = node.Client("alice");
        using var created = await alice.SendAsync(Create(10));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
    }

    private static Task<InProcessNode> StartAsync(int permits, string window) =>
        InProcessNode.StartAsync(o =>
        {
            o["Node:Roles"] = "api";
            o["Uploads:RateLimit:PermitLimit"] = permits.ToString(CultureInfo.InvariantCulture);
            o["Uploads:RateLimit:Window"] = window;
        });
}
