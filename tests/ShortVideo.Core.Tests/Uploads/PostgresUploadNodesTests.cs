using System.Security.Cryptography;
using Microsoft.Extensions.DependencyInjection;
using ShortVideo.Core.Tests.Hashing;
using ShortVideo.Testing;
using ShortVideo.Uploads;

namespace ShortVideo.Core.Tests.Uploads;

/// <summary>Two nodes (two service providers, two connection pools) sharing one PostgreSQL database and one data directory.</summary>
public sealed class PostgresUploadNodesTests : IAsyncLifetime
{
    private static readonly CancellationToken None = CancellationToken.None;
    private MetadataEngine _metadata = null!;

    public async Task InitializeAsync() => _metadata = await MetadataEngine.CreateAsync(MetadataEngineKind.Postgres);

    public async Task DisposeAsync() => await _metadata.DisposeAsync();

    [Fact]
    public async Task Creations_racing_on_two_nodes_cannot_together_pass_an_owners_upload_limit()
    {
        await using var nodeA = Repositories();
        await using var nodeB = Repositories();
        IUploadRepository[] nodes = [nodeA.GetRequiredService<IUploadRepository>(), nodeB.GetRequiredService<IUploadRepository>()];
        var now = DateTimeOffset.UtcNow;

        // Twelve creations at once, half on each node, each admitted only while alice holds fewer than three uploads.
        var attempts = Enumerable.Range(0, 12).Select(async i =>
        {
            try
            {
                await nodes[i % 2].CreateAsync(
                    new UploadInfo { Id = $"u{i:D2}", OwnerId = "alice", Length = 100, CreatedAt = now, ExpiresAt = now.AddHours(1) },
                    deferredLengthReservation: 1000,
                    usage =>
                    {
                        if (usage.OwnerUploads >= 3)
                        {
                            throw new InvalidOperationException("over the limit");
                        }
                    },
                    None);
                return true;
            }
            catch (InvalidOperationException)
            {
                return false;
            }
        });
        var admitted = await Task.WhenAll(attempts);

        Assert.Equal(3, admitted.Count(a => a));
        var usage = await nodes[1].MeasureAsync("alice", now, 1000, None);
        Assert.Equal(3, usage.OwnerUploads);
        Assert.Equal(300, usage.OwnerReservedBytes);
        Assert.Equal(300, usage.PendingBytes);
    }

    [Fact]
    public async Task Tombstones_and_upload_records_written_on_one_node_are_read_on_the_other()
    {
        await using var nodeA = Repositories();
        await using var nodeB = Repositories();
        var a = nodeA.GetRequiredService<IUploadRepository>();
        var b = nodeB.GetRequiredService<IUploadRepository>();
        var now = DateTimeOffset.UtcNow;
        var upload = new UploadInfo
        {
            Id = "u1", OwnerId = "alice", CreatedAt = now, ExpiresAt = now.AddMinutes(1), HashState = [1, 2, 3],
            Metadata = new Dictionary<string, string?> { ["filename"] = "clip.mp4", ["empty"] = null }, PartialIds = ["p1", "p2"],
        };
        await a.CreateAsync(upload, 10, _ => { }, None);
        await b.UpdateAsync(upload with { Offset = 42, Deduplicated = true }, None);

        var read = await a.GetAsync("u1", None);
        Assert.Equal(42, read!.Offset);
        Assert.Null(read.Length);
        Assert.True(read.Deduplicated);
        Assert.Equal([1, 2, 3], read.HashState);
        Assert.Equal(["p1", "p2"], read.PartialIds);
        Assert.Equal("clip.mp4", read.Metadata["filename"]);
        Assert.Equal(["u1"], (await b.ListExpiredAsync(now.AddMinutes(2), 10, None)).Select(u => u.Id));

        await Task.WhenAll(a.MarkExpiredAsync(read, now, None).AsTask(), b.MarkExpiredAsync(read, now, None).AsTask());
        Assert.Null(await b.GetAsync("u1", None));
        Assert.True(await b.WasExpiredAsync("u1", "alice", None));
        Assert.False(await a.WasExpiredAsync("u1", "mallory", None));
        await a.PurgeTombstonesAsync(now.AddSeconds(1), None);
        Assert.False(await b.WasExpiredAsync("u1", "alice", None));
    }

    [Fact]
    public async Task The_same_bytes_finished_at_once_on_two_nodes_make_one_blob_and_two_videos_listed_by_both()
    {
        await using var nodeA = new EngineHarness(_metadata);
        await using var nodeB = new EngineHarness(_metadata);
        var data = ResumableSha256Tests.RandomBytes(200_000, seed: 21);
        var alice = (await nodeA.CreateAsync(data.Length)).Upload.Id;
        var bob = (await nodeB.CreateAsync(data.Length, owner: "bob")).Upload.Id;

        var done = await Task.WhenAll(nodeA.PatchAsync(alice, 0, data).AsTask(), nodeB.PatchAsync(bob, 0, data, owner: "bob").AsTask());

        var sha256 = Convert.ToHexStringLower(SHA256.HashData(data));
        var videos = await Task.WhenAll(done.Select(d => nodeB.Videos.GetAsync(d.VideoId!, None).AsTask()));
        Assert.Single(videos, v => !v!.Deduplicated);
        Assert.Single(Directory.GetFiles(Path.Combine(_metadata.DataDirectory, "blobs"), "*", SearchOption.AllDirectories));
        Assert.Equal(sha256, await nodeA.BlobSha256Async(sha256));
        foreach (var node in new[] { nodeA, nodeB })
        {
            var copies = await node.Videos.ListBySha256Async(sha256, 10, None);
            Assert.Equal(done.Select(d => d.VideoId).Order(StringComparer.Ordinal), copies.Select(v => v.Id).Order(StringComparer.Ordinal));
        }
    }

    [Fact]
    public async Task An_upload_begun_on_one_node_is_resumed_and_finished_on_the_other()
    {
        await using var nodeA = new EngineHarness(_metadata);
        await using var nodeB = new EngineHarness(_metadata);
        var data = ResumableSha256Tests.RandomBytes(300_000, seed: 22);
        var id = (await nodeA.CreateAsync(data.Length)).Upload.Id;
        await nodeA.PatchAsync(id, 0, data[..123_456]);

        Assert.Equal(123_456, (await nodeB.Engine.GetAsync("alice", id, None)).Offset);
        var done = await nodeB.PatchAsync(id, 123_456, data[123_456..]);

        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(data)), done.Upload.Sha256);
        Assert.Equal("alice", (await nodeA.Videos.GetAsync(done.VideoId!, None))!.CreatorId);
    }

    private ServiceProvider Repositories()
    {
        var services = new ServiceCollection();
        _metadata.AddStores(services.AddShortVideo());
        return services.BuildServiceProvider();
    }
}
