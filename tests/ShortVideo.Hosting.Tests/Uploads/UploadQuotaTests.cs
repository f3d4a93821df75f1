using System.Globalization;
using System.Net;
using ShortVideo.Hosting.Tests.Auth;
using ShortVideo.Testing;
using static ShortVideo.Testing.TusRequests;

namespace ShortVideo.Hosting.Tests.Uploads;

/// <summary>
/// Per-user limits on unfinished uploads (how many, and how many bytes they reserve), over HTTP against a real node,
/// including the ways a hostile client would try to get around them.
/// </summary>
public sealed class UploadQuotaTests
{
    [Fact]
    public async Task A_creation_past_the_in_flight_limit_gets_403_saying_the_limit_and_how_to_free_it()
    {
        await using var node = await StartAsync(inFlight: 3);
        using var alice = node.Client("alice");
        for (var i = 0; i < 3; i++)
        {
            await CreateAsync(alice, 100);
        }

        using var refused = await alice.SendAsync(Create(100));
        var detail = await ProblemAssert.IsProblemAsync(refused, HttpStatusCode.Forbidden);
        Assert.Contains("3 unfinished uploads", detail, StringComparison.Ordinal);
        Assert.Contains("DELETE", detail, StringComparison.Ordinal);
        Assert.Equal("1.0.0", refused.Headers.GetValues("Tus-Resumable").Single());
    }

    [Fact]
    public async Task Finishing_or_terminating_an_upload_frees_its_place()
    {
        await using var node = await StartAsync(inFlight: 2);
        using var alice = node.Client("alice");
        var finished = await CreateAsync(alice, 10);
        var terminated = await CreateAsync(alice, 10);
        await AssertRefusedAsync(alice, HttpStatusCode.Forbidden);

        using (var patch = await alice.SendAsync(Patch(finished, 0, new byte[10])))
        {
            Assert.Equal(HttpStatusCode.NoContent, patch.StatusCode);
        }

        var third = await CreateAsync(alice, 10);
        await AssertRefusedAsync(alice, HttpStatusCode.Forbidden);
        using (var delete = await alice.SendAsync(Delete(terminated)))
        {
            Assert.Equal(HttpStatusCode.NoContent, delete.StatusCode);
        }

        await CreateAsync(alice, 10);
        await AssertRefusedAsync(alice, HttpStatusCode.Forbidden);
        Assert.NotNull(third);
    }

    [Fact]
    public async Task An_expired_upload_no_longer_counts()
    {
        await using var node = await StartAsync(inFlight: 1, configure: o => o["Uploads:Expiration"] = "00:00:01");
        using var alice = node.Client("alice");
        await CreateAsync(alice, 10);
        await AssertRefusedAsync(alice, HttpStatusCode.Forbidden);

        await Task.Delay(TimeSpan.FromSeconds(1.5));
        await CreateAsync(alice, 10);
    }

    [Fact]
    public async Task Declared_lengths_of_unfinished_uploads_count_against_the_reserved_bytes_quota()
    {
        await using var node = await StartAsync(reservedBytes: 1000);
        using var alice = node.Client("alice");
        var first = await CreateAsync(alice, 600);

        using var refused = await alice.SendAsync(Create(500));
        var detail = await ProblemAssert.IsProblemAsync(refused, HttpStatusCode.Forbidden);
        Assert.Contains("1000 bytes", detail, StringComparison.Ordinal);
        Assert.Contains("DELETE", detail, StringComparison.Ordinal);

        await CreateAsync(alice, 400);
        using (await alice.SendAsync(Delete(first)))
        {
        }

        await CreateAsync(alice, 500);
    }

    [Fact]
    public async Task Each_user_has_their_own_quota()
    {
        await using var node = await StartAsync(inFlight: 1, reservedBytes: 1000);
        using var alice = node.Client("alice");
        using var bob = node.Client("bob");
        await CreateAsync(alice, 1000);
        await AssertRefusedAsync(alice, HttpStatusCode.Forbidden);

        await CreateAsync(bob, 1000);
    }

    [Theory]
    [InlineData(5, null, 100, 5)] // 5 in flight
    [InlineData(null, 1000L, 300, 3)] // 3 x 300 bytes of 1000
    public async Task Fifty_concurrent_creations_of_one_user_never_exceed_a_limit(int? inFlight, long? reservedBytes, long length, int expected)
    {
        await using var node = await StartAsync(inFlight, reservedBytes);
        using var alice = node.Client("alice");

        var statuses = await Task.WhenAll(Enumerable.Range(0, 50).Select(async _ =>
        {
            using var response = await alice.SendAsync(Create(length));
            return response.StatusCode;
        }));

        Assert.Equal(expected, statuses.Count(s => s == HttpStatusCode.Created));
        Assert.Equal(50 - expected, statuses.Count(s => s == HttpStatusCode.Forbidden));
    }

    [Fact]
    public async Task A_deferred_length_upload_reserves_the_maximum_size_until_its_length_is_declared()
    {
        // Hostile: Upload-Defer-Length must not be a way to reserve nothing and then send gigabytes.
        await using var node = await StartAsync(reservedBytes: 2500, configure: o => o["Uploads:MaxSizeBytes"] = "1000");
        using var alice = node.Client("alice");
        var first = await CreateAsync(alice, null);
        await CreateAsync(alice, null);

        using var refused = await alice.SendAsync(Create(null, defer: true));
        var detail = await ProblemAssert.IsProblemAsync(refused, HttpStatusCode.Forbidden);
        Assert.Contains("Upload-Length", detail, StringComparison.Ordinal);

        // Declaring the length (100) gives back the rest of the maximum: 100 + 1000 + 1000 fits in 2500.
        var declare = Patch(first, 0, new byte[10]);
        declare.Headers.TryAddWithoutValidation("Upload-Length", "100");
        using (var patch = await alice.SendAsync(declare))
        {
            Assert.Equal(HttpStatusCode.NoContent, patch.StatusCode);
        }

        await CreateAsync(alice, null);
    }

    [Fact]
    public async Task A_length_declared_by_an_empty_patch_after_some_bytes_is_kept_and_frees_the_rest_of_the_reservation()
    {
        await using var node = await StartAsync(reservedBytes: 1500, configure: o => o["Uploads:MaxSizeBytes"] = "1000");
        using var alice = node.Client("alice");
        var upload = await CreateAsync(alice, null);
        using (var bytes = await alice.SendAsync(Patch(upload, 0, new byte[10])))
        {
            Assert.Equal(HttpStatusCode.NoContent, bytes.StatusCode);
        }

        var declare = Patch(upload, 10, []);
        declare.Headers.TryAddWithoutValidation("Upload-Length", "100");
        using (var patch = await alice.SendAsync(declare))
        {
            Assert.Equal(HttpStatusCode.NoContent, patch.StatusCode);
        }

        using (var head = await alice.SendAsync(Head(upload)))
        {
            Assert.Equal("100", head.Headers.GetValues("Upload-Length").Single());
        }

        // 100 + 1000 fits in 1500; the deferred reservation (1000 + 1000) would not have.
        await CreateAsync(alice, null);
    }

    [Fact]
    public async Task A_finished_partial_upload_counts_until_it_is_deleted()
    {
        // Hostile: finished partials keep their bytes on the node, so finishing them must not free the quota.
        await using var node = await StartAsync(reservedBytes: 1000);
        using var alice = node.Client("alice");
        using var partial = await alice.SendAsync(Create(400, concat: "partial"));
        Assert.Equal(HttpStatusCode.Created, partial.StatusCode);
        using (var patch = await alice.SendAsync(Patch(partial.Headers.Location!, 0, new byte[400])))
        {
            Assert.Equal(HttpStatusCode.NoContent, patch.StatusCode);
        }

        using (var refused = await alice.SendAsync(Create(700)))
        {
            await ProblemAssert.IsProblemAsync(refused, HttpStatusCode.Forbidden);
        }

        using (await alice.SendAsync(Delete(partial.Headers.Location!)))
        {
        }

        await CreateAsync(alice, 700);
    }

    [Fact]
    public async Task A_final_upload_reserves_its_whole_length_so_repeating_a_partial_cannot_pass_the_quota()
    {
        await using var node = await StartAsync(reservedBytes: 1000);
        using var alice = node.Client("alice");
        using var partial = await alice.SendAsync(Create(300, concat: "partial"));
        var url = partial.Headers.Location!;
        using (await alice.SendAsync(Patch(url, 0, new byte[300])))
        {
        }

        // 300 held by the partial + 900 for the final would be 1200.
        using var refused = await alice.SendAsync(Create(null, concat: $"final;{url} {url} {url}"));
        await ProblemAssert.IsProblemAsync(refused, HttpStatusCode.Forbidden);

        // 300 + 600 fits.
        using var final = await alice.SendAsync(Create(null, concat: $"final;{url} {url}"));
        Assert.Equal(HttpStatusCode.Created, final.StatusCode);
        Assert.Equal("600", Offset(final));
    }

    [Fact]
    public async Task The_flood_from_the_issue_2000_creations_of_4_GiB_by_one_user_reserves_no_more_than_the_defaults_allow()
    {
        // Default limits, as a node started by `svctl up` has them (20 in flight, 50 GiB, 30 creations at once).
        await using var node = await InProcessNode.StartAsync(o => o["Node:Roles"] = "api");
        using var alice = node.Client("alice");
        const long FourGiB = 4L * 1024 * 1024 * 1024;
        var free = new DriveInfo(node.DataDir).AvailableFreeSpace;

        var statuses = new System.Collections.Concurrent.ConcurrentBag<HttpStatusCode>();
        await Parallel.ForEachAsync(Enumerable.Range(0, 2000), new ParallelOptions { MaxDegreeOfParallelism = 32 }, async (_, ct) =>
        {
            using var response = await alice.SendAsync(Create(FourGiB), ct);
            statuses.Add(response.StatusCode);
        });

        var accepted = statuses.Count(s => s == HttpStatusCode.Created);
        Assert.InRange(accepted, 0, 12);
        Assert.True(accepted * FourGiB <= free, $"{accepted} uploads of 4 GiB accepted with {free} bytes free");
        Assert.All(statuses, s => Assert.Contains(s, new[] { HttpStatusCode.Created, HttpStatusCode.Forbidden, HttpStatusCode.InsufficientStorage, (HttpStatusCode)429 }));
    }

    private static Task<InProcessNode> StartAsync(int? inFlight = null, long? reservedBytes = null, Action<IDictionary<string, string?>>? configure = null) =>
        InProcessNode.StartAsync(o =>
        {
            o["Node:Roles"] = "api";
            o["Uploads:RateLimit:PermitLimit"] = "1000";
            if (inFlight is { } count)
            {
                o["Uploads:MaxUploadsInFlightPerUser"] = count.ToString(CultureInfo.InvariantCulture);
            }

            if (reservedBytes is { } bytes)
            {
                o["Uploads:MaxReservedBytesPerUser"] = bytes.ToString(CultureInfo.InvariantCulture);
            }

            configure?.Invoke(o);
        });

    private static async Task<Uri> CreateAsync(HttpClient client, long? length)
    {
        using var created = await client.SendAsync(Create(length, defer: length is null));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        return created.Headers.Location!;
    }

    private static async Task AssertRefusedAsync(HttpClient client, HttpStatusCode status)
    {
        using var refused = await client.SendAsync(Create(10));
        await ProblemAssert.IsProblemAsync(refused, status);
    }
}
