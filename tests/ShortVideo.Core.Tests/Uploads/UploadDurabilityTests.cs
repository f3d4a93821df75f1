using System.Security.Cryptography;
using ShortVideo.Core.Tests.Hashing;
using ShortVideo.Testing;
using ShortVideo.Uploads;

namespace ShortVideo.Core.Tests.Uploads;

/// <summary>Uploads across restarts, crashes and stalled clients, on each metadata engine.</summary>
public abstract class UploadDurabilityContract(MetadataEngineKind kind)
{
    [Fact]
    public async Task Upload_resumes_after_a_restart_with_the_hash_state_it_saved()
    {
        var data = ResumableSha256Tests.RandomBytes(2_000_000, seed: 9);
        var first = await EngineHarness.CreateAsync(kind);
        var id = (await first.CreateAsync(data.Length)).Upload.Id;
        await first.PatchAsync(id, 0, data[..777_777]);
        await first.DisposeAsync();

        var second = new EngineHarness(first.Metadata);
        Assert.Equal(777_777, (await second.Engine.GetAsync("alice", id, CancellationToken.None)).Offset);
        var done = await second.PatchAsync(id, 777_777, data[777_777..]);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(data)), done.Upload.Sha256);
        await second.DisposeAsync();
        await second.DeleteDataAsync();
    }

    [Fact]
    public async Task A_completion_interrupted_after_the_bytes_became_a_blob_is_finished_by_the_next_request()
    {
        var harness = await EngineHarness.CreateAsync(kind);
        var data = ResumableSha256Tests.RandomBytes(50_000, seed: 13);
        var done = await harness.PatchAsync((await harness.CreateAsync(data.Length)).Upload.Id, 0, data);
        var sha256 = Convert.ToHexStringLower(SHA256.HashData(data));

        // Back to the crash window: hash and video id recorded, the bytes renamed into their blob,
        // but neither the promotion nor the video written.
        await harness.ExecuteSqlAsync("UPDATE uploads SET completed_at = NULL, deduplicated = NULL; DELETE FROM videos;");

        Assert.Null(await harness.Videos.GetAsync(done.VideoId!, CancellationToken.None));
        var recovered = await harness.Engine.GetAsync("alice", done.Upload.Id, CancellationToken.None);
        Assert.NotNull(recovered.CompletedAt);
        var video = await harness.Videos.GetAsync(done.VideoId!, CancellationToken.None);
        Assert.NotNull(video);
        Assert.False(video!.Deduplicated);
        Assert.Equal(sha256, await harness.BlobSha256Async(sha256));
        await harness.DisposeAsync();
        await harness.DeleteDataAsync();
    }

    [Fact]
    public async Task A_client_that_vanishes_mid_patch_keeps_the_bytes_received_and_the_upload_unlocked()
    {
        var harness = await EngineHarness.CreateAsync(kind);
        var data = ResumableSha256Tests.RandomBytes(1_000_000, seed: 10);
        var id = (await harness.CreateAsync(data.Length)).Upload.Id;
        var body = new DroppingStream(data[..300_000]);

        var error = await Assert.ThrowsAsync<UploadException>(async () => await harness.Engine.WriteAsync(
            new WriteUploadRequest { OwnerId = "alice", UploadId = id, Offset = 0 }, body, CancellationToken.None));
        Assert.Equal(UploadError.Locked, error.Error);

        Assert.Equal(300_000, (await harness.Engine.GetAsync("alice", id, CancellationToken.None)).Offset);
        var done = await harness.PatchAsync(id, 300_000, data[300_000..]);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(data)), done.Upload.Sha256);
        await harness.DisposeAsync();
        await harness.DeleteDataAsync();
    }

    [Fact]
    public async Task A_second_patch_makes_a_stalled_writer_let_go_without_interleaving_bytes()
    {
        var harness = await EngineHarness.CreateAsync(kind);
        var data = ResumableSha256Tests.RandomBytes(400_000, seed: 12);
        var id = (await harness.CreateAsync(data.Length)).Upload.Id;
        var stalled = new StallingStream(data[..100_000]);
        var first = harness.Engine.WriteAsync(new WriteUploadRequest { OwnerId = "alice", UploadId = id, Offset = 0 }, stalled, CancellationToken.None).AsTask();
        await stalled.Stalled;

        // The second PATCH believes nothing arrived; it takes over, and learns the real offset (409).
        var second = await Assert.ThrowsAsync<UploadException>(async () => await harness.PatchAsync(id, 0, data));
        Assert.Equal(UploadError.OffsetMismatch, second.Error);
        Assert.Equal(UploadError.Locked, (await Assert.ThrowsAsync<UploadException>(() => first)).Error);

        var done = await harness.PatchAsync(id, 100_000, data[100_000..]);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(data)), done.Upload.Sha256);
        await harness.DisposeAsync();
        await harness.DeleteDataAsync();
    }

    [Fact]
    public async Task Unfinished_uploads_expire_are_swept_and_answer_gone()
    {
        var time = new ManualTimeProvider();
        var harness = await EngineHarness.CreateAsync(kind, configure: o => o.Expiration = TimeSpan.FromMinutes(10), time: time);
        var id = (await harness.CreateAsync(100)).Upload.Id;
        await harness.PatchAsync(id, 0, new byte[40]);
        var finished = (await harness.PatchAsync((await harness.CreateAsync(5)).Upload.Id, 0, new byte[5])).Upload.Id;

        time.Advance(TimeSpan.FromMinutes(11));
        Assert.Equal(UploadError.Gone, (await Assert.ThrowsAsync<UploadException>(async () => await harness.Engine.GetAsync("alice", id, CancellationToken.None))).Error);
        Assert.Equal(1, await harness.Engine.SweepExpiredAsync(CancellationToken.None));
        Assert.Empty(Directory.GetFiles(Path.Combine(harness.DataDir, "uploads")));
        Assert.Equal(UploadError.Gone, (await Assert.ThrowsAsync<UploadException>(async () => await harness.Engine.GetAsync("alice", id, CancellationToken.None))).Error);
        Assert.Equal(UploadError.NotFound, (await Assert.ThrowsAsync<UploadException>(async () => await harness.Engine.GetAsync("bob", id, CancellationToken.None))).Error);
        Assert.NotNull((await harness.Engine.GetAsync("alice", finished, CancellationToken.None)).VideoId);
        await harness.DisposeAsync();
        await harness.DeleteDataAsync();
    }

    /// <summary>Yields its bytes, then fails like a reset connection.</summary>
    private sealed class DroppingStream(byte[] data) : MemoryStream(data)
    {
        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            return Position < Length ? base.ReadAsync(buffer, cancellationToken) : ValueTask.FromException<int>(new IOException("Connection reset by peer"));
        }
    }

    /// <summary>Yields its bytes, then blocks until cancelled, like a half-open connection.</summary>
    private sealed class StallingStream(byte[] data) : MemoryStream(data)
    {
        private readonly TaskCompletionSource _stalled = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task Stalled => _stalled.Task;

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            if (Position < Length)
            {
                return await base.ReadAsync(buffer, cancellationToken);
            }

            _stalled.TrySetResult();
            await Task.Delay(Timeout.Infinite, cancellationToken);
            return 0;
        }
    }
}

public sealed class SqliteUploadDurabilityTests() : UploadDurabilityContract(MetadataEngineKind.Sqlite);

public sealed class PostgresUploadDurabilityTests() : UploadDurabilityContract(MetadataEngineKind.Postgres);
