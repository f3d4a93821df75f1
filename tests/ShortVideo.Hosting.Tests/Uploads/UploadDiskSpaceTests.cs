using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using ShortVideo.Hosting.Tests.Auth;
using ShortVideo.Testing;
using static ShortVideo.Testing.TusRequests;

namespace ShortVideo.Hosting.Tests.Uploads;

/// <summary>
/// The free-space check of the filesystem storage: on a real 64 MiB tmpfs that holds uploads and blobs, so the disk
/// really is full, without filling the machine's disk.
/// </summary>
public sealed class UploadDiskSpaceTests
{
    private const long MiB = 1024 * 1024;
    private const long Headroom = 4 * MiB;

    [Fact]
    public async Task A_creation_that_the_headroom_does_not_leave_room_for_gets_507_problem_json()
    {
        // A headroom larger than any disk: every filesystem is too small, no tmpfs needed.
        await using var node = await InProcessNode.StartAsync(o => o["Uploads:FreeSpaceHeadroomBytes"] = long.MaxValue.ToString(CultureInfo.InvariantCulture));
        using var alice = node.Client("alice");

        using var refused = await alice.SendAsync(Create(10));
        var detail = await ProblemAssert.IsProblemAsync(refused, HttpStatusCode.InsufficientStorage);
        Assert.Contains("free", detail, StringComparison.Ordinal);
        Assert.Empty(UploadFiles(node.DataDir));
    }

    [Fact]
    public async Task On_s3_storage_the_free_space_is_not_checked()
    {
        // The local disk says nothing about a bucket's room: even an impossible headroom refuses nothing there.
        await using var s3 = await S3rverServer.StartAsync();
        await using var node = await InProcessNode.StartAsync(o =>
        {
            o["Storage:Provider"] = "S3";
            o["Storage:S3:ServiceUrl"] = s3.ServiceUrl;
            o["Storage:S3:Bucket"] = "videos";
            o["Storage:S3:AccessKey"] = S3rverServer.AccessKey;
            o["Storage:S3:SecretKey"] = S3rverServer.SecretKey;
            o["Uploads:FreeSpaceHeadroomBytes"] = long.MaxValue.ToString(CultureInfo.InvariantCulture);
        });
        using var alice = node.Client("alice");

        using var created = await alice.SendAsync(Create(1000));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        using var patch = await alice.SendAsync(Patch(created.Headers.Location!, 0, RandomBytes(1000, seed: 6)));
        Assert.Equal(HttpStatusCode.NoContent, patch.StatusCode);
        Assert.True(patch.Headers.Contains("Video-Id"));
    }

    [TmpfsFact]
    public async Task An_upload_larger_than_the_free_space_gets_507_and_nothing_is_stored()
    {
        using var disk = TmpfsMount.Create(64 * MiB);
        await using var node = await StartAsync(disk);
        using var alice = node.Client("alice");

        using var refused = await alice.SendAsync(Create(100 * MiB));
        var detail = await ProblemAssert.IsProblemAsync(refused, HttpStatusCode.InsufficientStorage);
        Assert.Contains((100 * MiB).ToString(CultureInfo.InvariantCulture), detail, StringComparison.Ordinal);
        Assert.Empty(UploadFiles(disk.Path));

        // What fits is still accepted.
        using var accepted = await alice.SendAsync(Create(50 * MiB));
        Assert.Equal(HttpStatusCode.Created, accepted.StatusCode);
    }

    [TmpfsFact]
    public async Task Users_uploading_at_once_cannot_reserve_more_than_the_disk_holds_and_every_accepted_upload_finishes()
    {
        using var disk = TmpfsMount.Create(64 * MiB);
        await using var node = await StartAsync(disk);
        var data = RandomBytes((int)(16 * MiB), seed: 3);

        // Eight users, each well within their own quota: only the disk says no.
        var created = await Task.WhenAll(Enumerable.Range(0, 8).Select(async user =>
        {
            using var client = node.Client($"user{user}");
            using var response = await client.SendAsync(Create(data.Length));
            return (User: $"user{user}", response.StatusCode, response.Headers.Location);
        }));

        var accepted = created.Where(c => c.StatusCode == HttpStatusCode.Created).ToList();
        Assert.All(created, c => Assert.Contains(c.StatusCode, new[] { HttpStatusCode.Created, HttpStatusCode.InsufficientStorage }));
        Assert.InRange(accepted.Count, 1, 3);
        Assert.True((accepted.Count * data.Length) + Headroom <= disk.SizeBytes);

        // Everything accepted really fits: every upload completes with the right bytes.
        var sha256 = Convert.ToHexStringLower(SHA256.HashData(data));
        await Task.WhenAll(accepted.Select(async upload =>
        {
            using var client = node.Client(upload.User);
            using var patch = await client.SendAsync(Patch(upload.Location!, 0, data));
            Assert.Equal(HttpStatusCode.NoContent, patch.StatusCode);
            var video = await client.GetFromJsonAsync<JsonElement>($"api/v1/videos/{patch.Headers.GetValues("Video-Id").Single()}");
            Assert.Equal(sha256, video.GetProperty("sha256").GetString());
        }));
    }

    [TmpfsFact]
    public async Task A_patch_that_no_longer_fits_gets_507_and_the_bytes_already_accepted_are_kept()
    {
        using var disk = TmpfsMount.Create(64 * MiB);
        await using var node = await StartAsync(disk);
        using var alice = node.Client("alice");
        var data = RandomBytes((int)(20 * MiB), seed: 4);
        using var created = await alice.SendAsync(Create(data.Length));
        var location = created.Headers.Location!;
        using (var first = await alice.SendAsync(Patch(location, 0, data[..(int)(8 * MiB)])))
        {
            Assert.Equal(HttpStatusCode.NoContent, first.StatusCode);
        }

        // Something else on the disk takes the space this upload was counting on.
        var filler = disk.Fill("other-program.bin", disk.AvailableBytes - (8 * MiB));
        using (var refused = await alice.SendAsync(Patch(location, 8 * MiB, data[(int)(8 * MiB)..])))
        {
            var detail = await ProblemAssert.IsProblemAsync(refused, HttpStatusCode.InsufficientStorage);
            Assert.Contains((8 * MiB).ToString(CultureInfo.InvariantCulture), detail, StringComparison.Ordinal);
        }

        using (var head = await alice.SendAsync(Head(location)))
        {
            Assert.Equal((8 * MiB).ToString(CultureInfo.InvariantCulture), Offset(head));
        }

        // Space comes back; the upload resumes where it was and ends with the source's bytes.
        File.Delete(filler);
        using var last = await alice.SendAsync(Patch(location, 8 * MiB, data[(int)(8 * MiB)..]));
        Assert.Equal(HttpStatusCode.NoContent, last.StatusCode);
        var video = await alice.GetFromJsonAsync<JsonElement>($"api/v1/videos/{last.Headers.GetValues("Video-Id").Single()}");
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(data)), video.GetProperty("sha256").GetString());
    }

    [TmpfsFact]
    public async Task A_disk_that_fills_up_during_a_patch_gets_507_and_the_bytes_committed_before_are_kept()
    {
        using var disk = TmpfsMount.Create(32 * MiB);
        await using var node = await StartAsync(disk, o => o["Uploads:CommitIntervalBytes"] = (4 * MiB).ToString(CultureInfo.InvariantCulture));
        using var alice = node.Client("alice");
        var data = RandomBytes((int)(24 * MiB), seed: 5);
        using var created = await alice.SendAsync(Create(data.Length));
        var location = created.Headers.Location!;

        // The free-space check passes; then, 12 MiB into the body, another program takes all but 1 MiB of the disk.
        string? filler = null;
        var body = new CallbackStream(data, 12 * MiB, () => filler = disk.Fill("other-program.bin", disk.AvailableBytes - MiB));
        var patch = Patch(location, 0, []);
        patch.Content = new StreamContent(body);
        patch.Content.Headers.ContentLength = data.Length;
        patch.Content.Headers.TryAddWithoutValidation("Content-Type", "application/offset+octet-stream");
        using (var refused = await alice.SendAsync(patch))
        {
            var detail = await ProblemAssert.IsProblemAsync(refused, HttpStatusCode.InsufficientStorage);
            Assert.Contains("filled up", detail, StringComparison.Ordinal);
        }

        long offset;
        using (var head = await alice.SendAsync(Head(location)))
        {
            offset = long.Parse(Offset(head), CultureInfo.InvariantCulture);
        }

        // What was committed (every 4 MiB) before the disk filled is kept, nothing past it.
        Assert.InRange(offset, 4 * MiB, 12 * MiB);
        Assert.Equal(0, offset % (4 * MiB));
        File.Delete(filler!);
        using var last = await alice.SendAsync(Patch(location, offset, data[(int)offset..]));
        Assert.Equal(HttpStatusCode.NoContent, last.StatusCode);
        var video = await alice.GetFromJsonAsync<JsonElement>($"api/v1/videos/{last.Headers.GetValues("Video-Id").Single()}");
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(data)), video.GetProperty("sha256").GetString());
    }

    /// <summary>Uploads and blobs on the tmpfs; the database and the rest of the data directory elsewhere.</summary>
    private static Task<InProcessNode> StartAsync(TmpfsMount disk, Action<IDictionary<string, string?>>? configure = null) =>
        InProcessNode.StartAsync(o =>
        {
            o["Node:Roles"] = "api";
            o["Storage:FileSystem:Root"] = disk.Path;
            o["Uploads:FreeSpaceHeadroomBytes"] = Headroom.ToString(CultureInfo.InvariantCulture);
            o["Uploads:MaxSizeBytes"] = (1024 * MiB).ToString(CultureInfo.InvariantCulture);
            configure?.Invoke(o);
        });

    private static string[] UploadFiles(string root)
    {
        var uploads = Path.Combine(root, "uploads");
        return Directory.Exists(uploads) ? Directory.GetFiles(uploads) : [];
    }

    /// <summary>A request body that runs <paramref name="callback"/> once, when the client has read past <paramref name="at"/> bytes.</summary>
    private sealed class CallbackStream(byte[] data, long at, Action callback) : MemoryStream(data, writable: false)
    {
        private bool _called;

        public override int Read(byte[] buffer, int offset, int count) => After(base.Read(buffer, offset, count));

        public override int Read(Span<byte> buffer) => After(base.Read(buffer));

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            After(await base.ReadAsync(buffer, cancellationToken));

        public override async Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            After(await base.ReadAsync(buffer.AsMemory(offset, count), cancellationToken));

        private int After(int read)
        {
            if (!_called && Position > at)
            {
                _called = true;
                callback();
            }

            return read;
        }
    }
}
