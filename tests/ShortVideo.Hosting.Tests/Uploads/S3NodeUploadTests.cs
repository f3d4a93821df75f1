using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using ShortVideo.Blobs;
using ShortVideo.Testing;
using static ShortVideo.Testing.TusRequests;

namespace ShortVideo.Hosting.Tests.Uploads;

/// <summary>A whole node on Storage:Provider=S3 against a real S3 API server (s3rver), spoken to over tus.</summary>
public sealed class S3NodeUploadTests : IAsyncLifetime
{
    private S3rverServer _s3 = null!;
    private InProcessNode _node = null!;
    private HttpClient _alice = null!;

    public async Task InitializeAsync()
    {
        _s3 = await S3rverServer.StartAsync();
        _node = await InProcessNode.StartAsync(o =>
        {
            o["Storage:Provider"] = "S3";
            o["Storage:S3:ServiceUrl"] = _s3.ServiceUrl;
            o["Storage:S3:Bucket"] = "videos";
            o["Storage:S3:AccessKey"] = S3rverServer.AccessKey;
            o["Storage:S3:SecretKey"] = S3rverServer.SecretKey;
            o["Storage:S3:PartSizeBytes"] = (5 * 1024 * 1024).ToString(System.Globalization.CultureInfo.InvariantCulture);
        });
        _alice = _node.Client("alice");
    }

    public async Task DisposeAsync()
    {
        _alice.Dispose();
        await _node.DisposeAsync();
        await _s3.DisposeAsync();
    }

    [Fact]
    public async Task An_upload_in_odd_chunks_becomes_an_s3_blob_with_the_source_sha256_and_is_deduplicated_the_second_time()
    {
        var data = RandomBytes(12 * 1024 * 1024 + 12345, seed: 21);
        var first = await UploadInChunksAsync(data, [1, 3 * 1024 * 1024, 7 * 1024 * 1024 + 5, 100_000]);
        var sha256 = Convert.ToHexStringLower(SHA256.HashData(data));

        var video = await _alice.GetFromJsonAsync<JsonElement>($"api/v1/videos/{first}");
        Assert.Equal(sha256, video.GetProperty("sha256").GetString());
        Assert.False(video.GetProperty("deduplicated").GetBoolean());

        var blobs = _node.App.Services.GetRequiredService<IBlobStore>();
        Assert.Equal("s3", blobs.Name);
        await using (var stored = await blobs.OpenReadAsync(sha256, CancellationToken.None))
        {
            Assert.Equal(sha256, Convert.ToHexStringLower(await SHA256.HashDataAsync(stored)));
        }

        var second = await UploadInChunksAsync(data, [data.Length]);
        var again = await _alice.GetFromJsonAsync<JsonElement>($"api/v1/videos/{second}");
        Assert.True(again.GetProperty("deduplicated").GetBoolean());
    }

    [Fact]
    public async Task A_checksum_mismatch_after_a_full_part_keeps_the_offset_and_the_upload_completes_correctly()
    {
        var data = RandomBytes(11 * 1024 * 1024, seed: 22);
        using var created = await _alice.SendAsync(Create(data.Length));
        var location = created.Headers.Location!;
        using (var ok = await _alice.SendAsync(Patch(location, 0, data[..(2 * 1024 * 1024)])))
        {
            Assert.Equal(HttpStatusCode.NoContent, ok.StatusCode);
        }

        // 6 MiB: a whole part goes to S3 before the checksum is known to be wrong.
        using (var bad = await _alice.SendAsync(Patch(location, 2 * 1024 * 1024, data[(2 * 1024 * 1024)..(8 * 1024 * 1024)], Sha256Checksum(new byte[1]))))
        {
            Assert.Equal((HttpStatusCode)460, bad.StatusCode);
        }

        using var rest = await _alice.SendAsync(Patch(location, 2 * 1024 * 1024, data[(2 * 1024 * 1024)..], Sha256Checksum(data.AsSpan(2 * 1024 * 1024))));
        Assert.Equal(HttpStatusCode.NoContent, rest.StatusCode);
        var video = await _alice.GetFromJsonAsync<JsonElement>($"api/v1/videos/{rest.Headers.GetValues("Video-Id").Single()}");
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(data)), video.GetProperty("sha256").GetString());
    }

    [Fact]
    public async Task Terminating_an_s3_upload_answers_204_and_it_is_gone()
    {
        using var created = await _alice.SendAsync(Create(20 * 1024 * 1024));
        var location = created.Headers.Location!;
        using (await _alice.SendAsync(Patch(location, 0, RandomBytes(6 * 1024 * 1024, seed: 23))))
        {
        }

        using var deleted = await _alice.SendAsync(Delete(location));
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        using var head = await _alice.SendAsync(Head(location));
        Assert.Equal(HttpStatusCode.NotFound, head.StatusCode);
        using var again = await _alice.SendAsync(Patch(location, 6 * 1024 * 1024, new byte[10]));
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
    }

    private async Task<string> UploadInChunksAsync(byte[] data, int[] chunkSizes)
    {
        using var created = await _alice.SendAsync(Create(data.Length));
        var location = created.Headers.Location!;
        var offset = 0;
        HttpResponseMessage? last = null;
        for (var i = 0; offset < data.Length; i++)
        {
            var size = Math.Min(chunkSizes[i % chunkSizes.Length], data.Length - offset);
            last?.Dispose();
            last = await _alice.SendAsync(Patch(location, offset, data[offset..(offset + size)]));
            Assert.Equal(HttpStatusCode.NoContent, last.StatusCode);
            offset += size;
        }

        using (last)
        {
            return last!.Headers.GetValues("Video-Id").Single();
        }
    }
}
