using System.Security.Cryptography;
using ShortVideo.Catalog;
using ShortVideo.Core.Tests.Hashing;
using ShortVideo.Testing;
using ShortVideo.Uploads;

namespace ShortVideo.Core.Tests.Uploads;

/// <summary>The upload engine on each metadata engine: the same behaviour whichever holds the upload records.</summary>
public abstract class UploadEngineContract(MetadataEngineKind kind) : IAsyncLifetime
{
    private EngineHarness _harness = null!;

    public async Task InitializeAsync()
    {
        _harness = await EngineHarness.CreateAsync(kind);
    }

    public async Task DisposeAsync()
    {
        await _harness.DisposeAsync();
        await _harness.DeleteDataAsync();
    }

    [Fact]
    public async Task Chunks_become_one_blob_and_a_video_whose_sha256_is_the_source()
    {
        var data = ResumableSha256Tests.RandomBytes(3_000_000, seed: 1);
        var created = await _harness.CreateAsync(data.Length, metadata: "filename Li4vLi4vZXRjL3Bhc3N3ZA==,caption aGk=");
        var id = created.Upload.Id;
        await _harness.PatchAsync(id, 0, data[..1_000_000]);
        var result = await _harness.PatchAsync(id, 1_000_000, data[1_000_000..]);

        var expected = Convert.ToHexStringLower(SHA256.HashData(data));
        Assert.Equal(expected, result.Upload.Sha256);
        Assert.NotNull(result.VideoId);
        var video = await _harness.Videos.GetAsync(result.VideoId!, CancellationToken.None);
        Assert.NotNull(video);
        Assert.Equal(VideoStatus.Uploaded, video!.Status);
        Assert.Equal("alice", video.CreatorId);
        Assert.Equal("passwd", video.FileName);
        Assert.Equal("hi", video.Caption);
        Assert.False(video.Deduplicated);
        Assert.Equal(expected, await _harness.BlobSha256Async(expected));
        Assert.Empty(Directory.GetFiles(Path.Combine(_harness.DataDir, "uploads")));
    }

    [Fact]
    public async Task Same_bytes_from_another_user_are_stored_once_and_marked_deduplicated()
    {
        var data = ResumableSha256Tests.RandomBytes(70_000, seed: 2);
        var first = await _harness.PatchAsync((await _harness.CreateAsync(data.Length)).Upload.Id, 0, data);
        var second = await _harness.PatchAsync((await _harness.CreateAsync(data.Length, owner: "bob")).Upload.Id, 0, data, owner: "bob");

        Assert.NotEqual(first.VideoId, second.VideoId);
        Assert.True((await _harness.Videos.GetAsync(second.VideoId!, CancellationToken.None))!.Deduplicated);
        Assert.Single(Directory.GetFiles(Path.Combine(_harness.DataDir, "blobs"), "*", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task Checksum_mismatch_discards_the_chunk_and_keeps_the_offset()
    {
        var data = ResumableSha256Tests.RandomBytes(1000, seed: 3);
        var id = (await _harness.CreateAsync(data.Length)).Upload.Id;
        await _harness.PatchAsync(id, 0, data[..400], algorithm: "sha256", digest: SHA256.HashData(data[..400]));

        var error = await Assert.ThrowsAsync<UploadException>(async () => await _harness.PatchAsync(id, 400, data[400..], algorithm: "sha256", digest: SHA256.HashData(data[..10])));
        Assert.Equal(UploadError.ChecksumMismatch, error.Error);
        Assert.Equal(400, (await _harness.Engine.GetAsync("alice", id, CancellationToken.None)).Offset);

        var done = await _harness.PatchAsync(id, 400, data[400..], algorithm: "md5", digest: MD5.HashData(data[400..]));
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(data)), done.Upload.Sha256);
    }

    [Theory]
    [InlineData("crc32", 4, UploadError.UnsupportedChecksumAlgorithm)]
    [InlineData("sha256", 5, UploadError.InvalidHeader)]
    public async Task Bad_checksum_headers_are_refused(string algorithm, int digestLength, UploadError expected)
    {
        var id = (await _harness.CreateAsync(10)).Upload.Id;
        var error = await Assert.ThrowsAsync<UploadException>(async () => await _harness.PatchAsync(id, 0, new byte[10], algorithm: algorithm, digest: new byte[digestLength]));
        Assert.Equal(expected, error.Error);
    }

    [Fact]
    public async Task Wrong_offset_and_bytes_past_the_length_are_refused()
    {
        var id = (await _harness.CreateAsync(100)).Upload.Id;
        Assert.Equal(UploadError.OffsetMismatch, (await Assert.ThrowsAsync<UploadException>(async () => await _harness.PatchAsync(id, 5, new byte[10]))).Error);
        Assert.Equal(UploadError.BeyondLength, (await Assert.ThrowsAsync<UploadException>(async () => await _harness.PatchAsync(id, 0, new byte[101]))).Error);
        Assert.Equal(0, (await _harness.Engine.GetAsync("alice", id, CancellationToken.None)).Offset);
    }

    [Fact]
    public async Task Someone_elses_upload_is_not_found()
    {
        var id = (await _harness.CreateAsync(100)).Upload.Id;
        Assert.Equal(UploadError.NotFound, (await Assert.ThrowsAsync<UploadException>(async () => await _harness.Engine.GetAsync("mallory", id, CancellationToken.None))).Error);
        Assert.Equal(UploadError.NotFound, (await Assert.ThrowsAsync<UploadException>(async () => await _harness.PatchAsync(id, 0, new byte[1], owner: "mallory"))).Error);
        Assert.Equal(UploadError.NotFound, (await Assert.ThrowsAsync<UploadException>(async () => await _harness.Engine.TerminateAsync("mallory", id, CancellationToken.None))).Error);
    }

    [Fact]
    public async Task Lengths_over_the_maximum_or_negative_are_refused()
    {
        Assert.Equal(UploadError.TooLarge, (await Assert.ThrowsAsync<UploadException>(async () => await _harness.CreateAsync(_harness.Engine.Options.MaxSizeBytes + 1))).Error);
        Assert.Equal(UploadError.InvalidHeader, (await Assert.ThrowsAsync<UploadException>(async () => await _harness.CreateAsync(-1))).Error);
    }

    [Fact]
    public async Task Deferred_length_is_set_by_a_later_patch()
    {
        var data = ResumableSha256Tests.RandomBytes(500, seed: 4);
        var id = (await _harness.CreateAsync(null)).Upload.Id;
        await _harness.PatchAsync(id, 0, data[..200]);
        var done = await _harness.PatchAsync(id, 200, data[200..], declaredLength: 500);
        Assert.Equal(500, done.Upload.Length);
        Assert.NotNull(done.VideoId);
    }

    [Fact]
    public async Task Final_upload_concatenates_partials_and_cannot_be_patched()
    {
        var data = ResumableSha256Tests.RandomBytes(900_000, seed: 5);
        var a = (await _harness.CreateAsync(300_000, kind: UploadKind.Partial)).Upload.Id;
        var b = (await _harness.CreateAsync(600_000, kind: UploadKind.Partial)).Upload.Id;
        await _harness.PatchAsync(a, 0, data[..300_000]);
        var partial = await _harness.PatchAsync(b, 0, data[300_000..]);
        Assert.Null(partial.VideoId);

        var final = await _harness.Engine.CreateAsync(new CreateUploadRequest { OwnerId = "alice", Kind = UploadKind.Final, PartialIds = [a, b] }, null, null, CancellationToken.None);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(data)), final.Upload.Sha256);
        Assert.NotNull(final.VideoId);
        Assert.Equal(UploadError.FinalUploadNotPatchable, (await Assert.ThrowsAsync<UploadException>(async () => await _harness.PatchAsync(final.Upload.Id, 900_000, []))).Error);
    }

    [Fact]
    public async Task Concatenating_someone_elses_or_unfinished_partials_is_refused()
    {
        var mine = (await _harness.CreateAsync(10, kind: UploadKind.Partial)).Upload.Id;
        var theirs = (await _harness.CreateAsync(10, owner: "bob", kind: UploadKind.Partial)).Upload.Id;
        await _harness.PatchAsync(theirs, 0, new byte[10], owner: "bob");

        var foreign = await Assert.ThrowsAsync<UploadException>(async () => await _harness.Engine.CreateAsync(new CreateUploadRequest { OwnerId = "alice", Kind = UploadKind.Final, PartialIds = [theirs] }, null, null, CancellationToken.None));
        Assert.Equal(UploadError.NotFound, foreign.Error);
        var unfinished = await Assert.ThrowsAsync<UploadException>(async () => await _harness.Engine.CreateAsync(new CreateUploadRequest { OwnerId = "alice", Kind = UploadKind.Final, PartialIds = [mine] }, null, null, CancellationToken.None));
        Assert.Equal(UploadError.InvalidConcatenation, unfinished.Error);
    }

    [Fact]
    public async Task Termination_deletes_the_data_and_the_upload()
    {
        var id = (await _harness.CreateAsync(100)).Upload.Id;
        await _harness.PatchAsync(id, 0, new byte[50]);
        await _harness.Engine.TerminateAsync("alice", id, CancellationToken.None);
        Assert.Empty(Directory.GetFiles(Path.Combine(_harness.DataDir, "uploads")));
        Assert.Equal(UploadError.NotFound, (await Assert.ThrowsAsync<UploadException>(async () => await _harness.Engine.GetAsync("alice", id, CancellationToken.None))).Error);
    }

    [Fact]
    public async Task Zero_length_upload_completes_at_creation()
    {
        var created = await _harness.CreateAsync(0);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData([])), created.Upload.Sha256);
        Assert.NotNull(created.VideoId);
    }
}

public sealed class SqliteUploadEngineTests() : UploadEngineContract(MetadataEngineKind.Sqlite);

public sealed class PostgresUploadEngineTests() : UploadEngineContract(MetadataEngineKind.Postgres);
