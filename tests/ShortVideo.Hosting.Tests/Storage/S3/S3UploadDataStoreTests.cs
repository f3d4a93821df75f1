using ShortVideo.Testing;
using static ShortVideo.Hosting.Tests.Storage.S3.S3StoreHarness;

namespace ShortVideo.Hosting.Tests.Storage.S3;

public sealed class S3UploadDataStoreTests(S3rverServer server) : IClassFixture<S3rverServer>
{
    [Fact]
    public async Task Upload_of_13_MiB_in_odd_chunks_with_commits_becomes_a_blob_with_the_same_sha256()
    {
        using var s3 = new S3StoreHarness(server);
        var data = RandomBytes(seed: 13, 13 * MiB);
        var sha = Sha256Hex(data);

        var state = await s3.UploadAsync("odd-chunks", data, chunkSizes: [1, 100 * KiB, 7 * MiB, 3, MiB + 17, 64 * KiB - 1], commitEvery: 2);
        var stored = await s3.Store.PromoteAsync("odd-chunks", data.Length, state, sha, default);

        Assert.True(stored);
        Assert.Equal(data.Length, await s3.Blobs.GetSizeAsync(sha, default));
        var blob = await ReadAllAsync(await s3.Blobs.OpenReadAsync(sha, default));
        Assert.Equal(sha, Sha256Hex(blob));
        Assert.Empty(await s3.ListKeysAsync(s3.Options.Prefix + "uploads/"));
    }

    [Fact]
    public async Task Writer_reopened_from_the_persisted_state_after_a_restart_continues_at_the_committed_offset()
    {
        using var s3 = new S3StoreHarness(server);
        var data = RandomBytes(seed: 2, 12 * MiB + 5);
        var persisted = await s3.Store.CreateAsync("restart", default);
        await using (var writer = await s3.Store.OpenWriterAsync("restart", 0, persisted, default))
        {
            await writer.WriteAsync(data.AsMemory(0, 6 * MiB + 3), default);
            persisted = await writer.CommitAsync(default);

            // Bytes after the last commit die with the process.
            await writer.WriteAsync(RandomBytes(seed: 99, 2 * MiB), default);
        }

        using var restarted = s3.Restart();
        await using (var writer = await restarted.Store.OpenWriterAsync("restart", 6 * MiB + 3, persisted, default))
        {
            Assert.Equal(6 * MiB + 3, writer.Position);
            await writer.WriteAsync(data.AsMemory(6 * MiB + 3), default);
            persisted = await writer.CommitAsync(default);
        }

        var sha = Sha256Hex(data);
        Assert.True(await restarted.Store.PromoteAsync("restart", data.Length, persisted, sha, default));
        Assert.Equal(data, await ReadAllAsync(await restarted.Blobs.OpenReadAsync(sha, default)));
    }

    [Theory]
    [InlineData(100 * KiB)] // stays in the part buffer
    [InlineData(6 * MiB)] // fills a part that was sent to S3 before the rollback
    public async Task Rollback_discards_the_bytes_written_since_the_last_commit(int discarded)
    {
        using var s3 = new S3StoreHarness(server);
        var committed = RandomBytes(seed: 3, 4 * MiB);
        var rest = RandomBytes(seed: 4, 3 * MiB);
        var state = await s3.Store.CreateAsync("rollback", default);
        await using (var writer = await s3.Store.OpenWriterAsync("rollback", 0, state, default))
        {
            await writer.WriteAsync(committed, default);
            await writer.CommitAsync(default);
            await writer.WriteAsync(RandomBytes(seed: 5, discarded), default);

            await writer.RollbackAsync(default);

            Assert.Equal(committed.Length, writer.Position);
            await writer.WriteAsync(rest, default);
            state = await writer.CommitAsync(default);
        }

        byte[] expected = [.. committed, .. rest];
        var sha = Sha256Hex(expected);
        Assert.True(await s3.Store.PromoteAsync("rollback", expected.Length, state, sha, default));
        Assert.Equal(expected, await ReadAllAsync(await s3.Blobs.OpenReadAsync(sha, default)));
    }

    [Fact]
    public async Task Promote_of_identical_bytes_returns_true_then_false_and_keeps_one_blob()
    {
        using var s3 = new S3StoreHarness(server);
        var data = RandomBytes(seed: 6, 7 * MiB);
        var sha = Sha256Hex(data);
        var first = await s3.UploadAsync("first", data);
        var second = await s3.UploadAsync("second", data);

        Assert.True(await s3.Store.PromoteAsync("first", data.Length, first, sha, default));
        Assert.False(await s3.Store.PromoteAsync("second", data.Length, second, sha, default));

        Assert.Equal([s3.Bucket.BlobKey(sha)], await s3.ListKeysAsync("blobs/"));
        Assert.Empty(await s3.ListKeysAsync("uploads/"));
        Assert.Equal(data, await ReadAllAsync(await s3.Blobs.OpenReadAsync(sha, default)));
    }

    [Fact]
    public async Task Zero_length_upload_becomes_an_empty_blob()
    {
        using var s3 = new S3StoreHarness(server);
        var sha = Sha256Hex([]);
        var state = await s3.Store.CreateAsync("empty", default);
        await using (var writer = await s3.Store.OpenWriterAsync("empty", 0, state, default))
        {
            state = await writer.CommitAsync(default);
        }

        Assert.True(await s3.Store.PromoteAsync("empty", 0, state, sha, default));

        Assert.Equal(0, await s3.Blobs.GetSizeAsync(sha, default));
        Assert.Empty(await ReadAllAsync(await s3.Blobs.OpenReadAsync(sha, default)));
        Assert.Empty(await s3.ListKeysAsync("uploads/"));
    }

    [Fact]
    public async Task Upload_smaller_than_a_part_is_promoted_from_its_tail_alone()
    {
        using var s3 = new S3StoreHarness(server);
        var data = RandomBytes(seed: 7, 300 * KiB);
        var sha = Sha256Hex(data);
        var state = await s3.UploadAsync("small", data, chunkSizes: [64 * KiB], commitEvery: 3);

        Assert.True(await s3.Store.PromoteAsync("small", data.Length, state, sha, default));

        Assert.Equal(data, await ReadAllAsync(await s3.Blobs.OpenReadAsync(sha, default)));
    }

    [Fact]
    public async Task OpenReadAsync_of_a_committed_upload_returns_its_exact_bytes_and_promote_still_works_after_it()
    {
        using var s3 = new S3StoreHarness(server);
        var data = RandomBytes(seed: 8, 11 * MiB + 7);
        var state = await s3.UploadAsync("partial", data, chunkSizes: [3 * MiB], commitEvery: 1);

        Assert.Equal(data, await ReadAllAsync(await s3.Store.OpenReadAsync("partial", data.Length, state, default)));
        Assert.Equal(data[..1000], await ReadAllAsync(await s3.Store.OpenReadAsync("partial", 1000, state, default)));

        // The engine keeps the state it had before the read: promote must cope with an assembled upload.
        var sha = Sha256Hex(data);
        Assert.True(await s3.Store.PromoteAsync("partial", data.Length, state, sha, default));
        Assert.Equal(data, await ReadAllAsync(await s3.Blobs.OpenReadAsync(sha, default)));
        Assert.Empty(await s3.ListKeysAsync("uploads/"));
    }

    [Fact]
    public async Task OpenWriterAsync_at_an_offset_other_than_the_committed_one_throws()
    {
        using var s3 = new S3StoreHarness(server);
        var state = await s3.UploadAsync("offset", RandomBytes(seed: 9, 1000));

        var error = await Assert.ThrowsAsync<InvalidOperationException>(
            async () => await s3.Store.OpenWriterAsync("offset", 999, state, default));

        Assert.Contains("offset 999", error.Message);
        Assert.Contains("1000 bytes", error.Message);
    }

    [Fact]
    public async Task Prefix_puts_every_key_of_uploads_and_blobs_under_it()
    {
        using var s3 = new S3StoreHarness(server, options => options.Prefix = "node-a/");
        var data = RandomBytes(seed: 10, 6 * MiB);
        var sha = Sha256Hex(data);
        var state = await s3.UploadAsync("prefixed", data, chunkSizes: [MiB], commitEvery: 2);
        Assert.Contains("node-a/uploads/prefixed.tail.", string.Join(' ', await s3.ListKeysAsync("")));

        Assert.True(await s3.Store.PromoteAsync("prefixed", data.Length, state, sha, default));

        Assert.Equal([$"node-a/blobs/{sha[..2]}/{sha[2..4]}/{sha}"], await s3.ListKeysAsync(""));
    }
}
