using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using ShortVideo.Testing;
using static ShortVideo.Testing.TusRequests;

namespace ShortVideo.Hosting.Tests.Uploads;

public sealed class TusProtocolTests : IAsyncLifetime
{
    private InProcessNode _node = null!;
    private HttpClient _alice = null!;

    public async Task InitializeAsync()
    {
        _node = await InProcessNode.StartAsync(o => o["Uploads:MaxSizeBytes"] = (64L * 1024 * 1024).ToString(System.Globalization.CultureInfo.InvariantCulture));
        _alice = _node.Client("alice");
    }

    public async Task DisposeAsync()
    {
        _alice.Dispose();
        await _node.DisposeAsync();
    }

    [Fact]
    public async Task Options_advertises_version_extensions_max_size_and_checksums_without_a_token()
    {
        using var anonymous = _node.Client(user: null);
        using var response = await anonymous.SendAsync(new HttpRequestMessage(HttpMethod.Options, "api/v1/uploads"));
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal("1.0.0", response.Headers.GetValues("Tus-Version").Single());
        var extensions = response.Headers.GetValues("Tus-Extension").Single().Split(',');
        Assert.Contains("creation-with-upload", extensions);
        Assert.Contains("concatenation", extensions);
        Assert.Contains("termination", extensions);
        Assert.Equal("67108864", response.Headers.GetValues("Tus-Max-Size").Single());
        Assert.Contains("sha256", response.Headers.GetValues("Tus-Checksum-Algorithm").Single(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_40_MiB_upload_in_two_patches_becomes_a_video_with_the_source_sha256()
    {
        var data = RandomBytes(40 * 1024 * 1024, seed: 1);
        using var created = await _alice.SendAsync(Create(data.Length, Metadata(("filename", "../../etc/passwd"), ("caption", "sunset"))));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var location = created.Headers.Location!;
        Assert.True(created.Headers.Contains("Upload-Expires"));

        using var first = await _alice.SendAsync(Patch(location, 0, data[..(31 * 1024 * 1024)], Sha256Checksum(data.AsSpan(0, 31 * 1024 * 1024))));
        Assert.Equal(HttpStatusCode.NoContent, first.StatusCode);
        Assert.False(first.Headers.Contains("Video-Id"));
        using var last = await _alice.SendAsync(Patch(location, 31 * 1024 * 1024, data[(31 * 1024 * 1024)..]));
        Assert.Equal(HttpStatusCode.NoContent, last.StatusCode);
        Assert.Equal(data.Length.ToString(System.Globalization.CultureInfo.InvariantCulture), Offset(last));
        var videoId = last.Headers.GetValues("Video-Id").Single();

        var video = await _alice.GetFromJsonAsync<JsonElement>($"api/v1/videos/{videoId}");
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(data)), video.GetProperty("sha256").GetString());
        // The media worker picks the video up at once; random bytes end as failed (MediaPipelineTests cover that path).
        Assert.Contains(video.GetProperty("status").GetString(), (string[])["uploaded", "processing", "failed"]);
        Assert.Equal("alice", video.GetProperty("creatorId").GetString());
        Assert.Equal(data.Length, video.GetProperty("sizeBytes").GetInt64());
        Assert.False(video.GetProperty("deduplicated").GetBoolean());
        Assert.Equal("passwd", video.GetProperty("fileName").GetString());
        Assert.Equal("sunset", video.GetProperty("caption").GetString());
        Assert.True(video.TryGetProperty("playback", out _));
        Assert.True(video.TryGetProperty("thumbnails", out _));
        Assert.Empty(Directory.GetFiles(_node.DataDir, "passwd", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task The_same_bytes_from_another_user_become_a_second_video_marked_deduplicated()
    {
        var data = RandomBytes(100_000, seed: 2);
        var firstId = await UploadAsync(_alice, data);
        using var bob = _node.Client("bob");
        var secondId = await UploadAsync(bob, data);

        Assert.NotEqual(firstId, secondId);
        var second = await bob.GetFromJsonAsync<JsonElement>($"api/v1/videos/{secondId}");
        Assert.True(second.GetProperty("deduplicated").GetBoolean());
        Assert.Equal("bob", second.GetProperty("creatorId").GetString());
        Assert.Single(Directory.GetFiles(Path.Combine(_node.DataDir, "blobs"), "*", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task Creation_with_upload_stores_the_first_chunk()
    {
        var data = RandomBytes(5000, seed: 3);
        var request = Create(data.Length);
        request.Content = new ByteArrayContent(data[..2000]);
        request.Content.Headers.TryAddWithoutValidation("Content-Type", "application/offset+octet-stream");
        using var created = await _alice.SendAsync(request);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal("2000", Offset(created));
        using var rest = await _alice.SendAsync(Patch(created.Headers.Location!, 2000, data[2000..]));
        Assert.True(rest.Headers.Contains("Video-Id"));
    }

    [Fact]
    public async Task Deferred_length_is_reported_then_fixed_by_a_patch()
    {
        using var created = await _alice.SendAsync(Create(null, defer: true));
        var location = created.Headers.Location!;
        using (var head = await _alice.SendAsync(Head(location)))
        {
            Assert.Equal("1", head.Headers.GetValues("Upload-Defer-Length").Single());
        }

        var patch = Patch(location, 0, new byte[10]);
        patch.Headers.TryAddWithoutValidation("Upload-Length", "10");
        using var done = await _alice.SendAsync(patch);
        Assert.Equal(HttpStatusCode.NoContent, done.StatusCode);
        Assert.True(done.Headers.Contains("Video-Id"));
    }

    [Fact]
    public async Task Concatenation_joins_partials_into_one_video_and_refuses_patches_on_the_final()
    {
        var data = RandomBytes(300_000, seed: 4);
        var a = await PartialAsync(data[..100_000]);
        var b = await PartialAsync(data[100_000..]);
        using var final = await _alice.SendAsync(Create(null, concat: $"final;{a} {b.AbsolutePath}"));
        Assert.Equal(HttpStatusCode.Created, final.StatusCode);
        var videoId = final.Headers.GetValues("Video-Id").Single();
        var video = await _alice.GetFromJsonAsync<JsonElement>($"api/v1/videos/{videoId}");
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(data)), video.GetProperty("sha256").GetString());

        using var patch = await _alice.SendAsync(Patch(final.Headers.Location!, 300_000, []));
        Assert.Equal(HttpStatusCode.Forbidden, patch.StatusCode);
    }

    [Fact]
    public async Task Termination_removes_the_upload()
    {
        using var created = await _alice.SendAsync(Create(100));
        var location = created.Headers.Location!;
        using var deleted = await _alice.SendAsync(Delete(location));
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        using var head = await _alice.SendAsync(Head(location));
        Assert.Equal(HttpStatusCode.NotFound, head.StatusCode);
    }

    [Fact]
    public async Task Cors_preflight_allows_tus_headers_and_exposes_video_id()
    {
        using var anonymous = _node.Client(user: null);
        foreach (var (path, method) in new[] { ("api/v1/uploads", "POST"), ("api/v1/uploads/some-id", "PATCH"), ("api/v1/uploads/some-id", "HEAD"), ("api/v1/uploads/some-id", "DELETE") })
        {
            var preflight = new HttpRequestMessage(HttpMethod.Options, path);
            preflight.Headers.Add("Origin", "http://player.example");
            preflight.Headers.Add("Access-Control-Request-Method", method);
            preflight.Headers.Add("Access-Control-Request-Headers", "authorization,tus-resumable,upload-offset,upload-length,upload-metadata,upload-checksum,content-type");
            using var response = await anonymous.SendAsync(preflight);
            Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
            Assert.Equal("*", response.Headers.GetValues("Access-Control-Allow-Origin").Single());
            Assert.Contains(method, response.Headers.GetValues("Access-Control-Allow-Methods").Single(), StringComparison.Ordinal);
            Assert.Contains("upload-checksum", response.Headers.GetValues("Access-Control-Allow-Headers").Single(), StringComparison.OrdinalIgnoreCase);
        }

        var post = Create(10);
        post.Headers.Add("Origin", "http://player.example");
        using var created = await _alice.SendAsync(post);
        var exposed = created.Headers.GetValues("Access-Control-Expose-Headers").Single();
        Assert.Contains("Video-Id", exposed, StringComparison.Ordinal);
        Assert.Contains("Location", exposed, StringComparison.Ordinal);
        Assert.Contains("Upload-Offset", exposed, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Health_answers_200_without_a_token()
    {
        using var anonymous = _node.Client(user: null);
        using var response = await anonymous.GetAsync("healthz");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private async Task<string> UploadAsync(HttpClient client, byte[] data)
    {
        using var created = await client.SendAsync(Create(data.Length));
        using var done = await client.SendAsync(Patch(created.Headers.Location!, 0, data));
        Assert.Equal(HttpStatusCode.NoContent, done.StatusCode);
        return done.Headers.GetValues("Video-Id").Single();
    }

    private async Task<Uri> PartialAsync(byte[] data)
    {
        using var created = await _alice.SendAsync(Create(data.Length, concat: "partial"));
        using var done = await _alice.SendAsync(Patch(created.Headers.Location!, 0, data));
        Assert.Equal(HttpStatusCode.NoContent, done.StatusCode);
        Assert.False(done.Headers.Contains("Video-Id"));
        return created.Headers.Location!;
    }
}
