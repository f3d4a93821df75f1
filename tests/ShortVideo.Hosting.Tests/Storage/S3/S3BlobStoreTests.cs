using ShortVideo.Testing;
using static ShortVideo.Hosting.Tests.Storage.S3.S3StoreHarness;

namespace ShortVideo.Hosting.Tests.Storage.S3;

public sealed class S3BlobStoreTests(S3rverServer server) : IClassFixture<S3rverServer>
{
    private static readonly string Missing = new('a', 64);

    [Fact]
    public void Name_is_s3()
    {
        using var s3 = new S3StoreHarness(server);

        Assert.Equal("s3", s3.Blobs.Name);
    }

    [Fact]
    public async Task GetSizeAsync_of_a_blob_that_is_not_stored_is_null()
    {
        using var s3 = new S3StoreHarness(server);
        await s3.Blobs.CheckAsync(default);

        Assert.Null(await s3.Blobs.GetSizeAsync(Missing, default));
    }

    [Fact]
    public async Task OpenReadAsync_of_a_blob_that_is_not_stored_throws_FileNotFoundException()
    {
        using var s3 = new S3StoreHarness(server);
        await s3.Blobs.CheckAsync(default);

        var error = await Assert.ThrowsAsync<FileNotFoundException>(async () => await s3.Blobs.OpenReadAsync(Missing, default));

        Assert.Contains(Missing, error.Message);
    }

    [Fact]
    public async Task Blob_address_that_is_not_64_lowercase_hex_characters_is_rejected()
    {
        using var s3 = new S3StoreHarness(server);

        await Assert.ThrowsAsync<ArgumentException>(async () => await s3.Blobs.GetSizeAsync("../etc/passwd", default));
    }

    [Fact]
    public async Task Blob_stream_knows_its_length_and_DeleteAsync_removes_the_blob_and_can_be_repeated()
    {
        using var s3 = new S3StoreHarness(server);
        var data = RandomBytes(seed: 40, 4321);
        var sha = Sha256Hex(data);
        Assert.True(await s3.Store.PromoteAsync("blob", data.Length, await s3.UploadAsync("blob", data), sha, default));
        await using (var stream = await s3.Blobs.OpenReadAsync(sha, default))
        {
            Assert.Equal(data.Length, stream.Length);
        }

        await s3.Blobs.DeleteAsync(sha, default);
        await s3.Blobs.DeleteAsync(sha, default);

        Assert.Null(await s3.Blobs.GetSizeAsync(sha, default));
    }

    [Fact]
    public async Task CheckAsync_creates_a_missing_bucket_when_allowed()
    {
        using var s3 = new S3StoreHarness(server);

        await s3.Blobs.CheckAsync(default);

        Assert.True(Directory.Exists(Path.Combine(server.DataDirectory, s3.Bucket.Name)));
    }

    [Fact]
    public async Task Missing_bucket_with_CreateBucketIfMissing_false_gives_a_clear_error()
    {
        using var s3 = new S3StoreHarness(server, options => options.CreateBucketIfMissing = false);

        var onCheck = await Assert.ThrowsAsync<InvalidOperationException>(async () => await s3.Blobs.CheckAsync(default));
        var onUpload = await Assert.ThrowsAsync<InvalidOperationException>(async () => await s3.Store.CreateAsync("first", default));

        Assert.Equal(
            $"S3 bucket '{s3.Bucket.Name}' does not exist at {server.ServiceUrl}. Create it, or set Storage:S3:CreateBucketIfMissing to true.",
            onCheck.Message);
        Assert.Equal(onCheck.Message, onUpload.Message);
    }

    [Fact]
    public async Task CheckAsync_against_an_unreachable_ServiceUrl_throws_a_readable_error()
    {
        var url = $"http://127.0.0.1:{FreePort.Next()}";
        using var s3 = new S3StoreHarness(server, options => options.ServiceUrl = url);

        var error = await Assert.ThrowsAsync<IOException>(async () => await s3.Blobs.CheckAsync(default));

        Assert.StartsWith($"S3 storage at {url} (bucket '{s3.Bucket.Name}') did not answer: ", error.Message);
        Assert.Contains("Connection refused", error.Message);
    }

    [Fact]
    public async Task CheckAsync_with_keys_the_server_does_not_know_says_what_it_answered()
    {
        using var s3 = new S3StoreHarness(server, options => options.AccessKey = "NOT-A-KEY");

        var error = await Assert.ThrowsAsync<IOException>(async () => await s3.Blobs.CheckAsync(default));

        Assert.StartsWith($"S3 storage at {server.ServiceUrl} answered the check of bucket '{s3.Bucket.Name}' with HTTP 403", error.Message);
    }

    [Fact]
    public async Task Copy_requests_are_signed_with_the_copy_source_as_sent()
    {
        var http = new RecordingHttpClientFactory();
        using var s3 = new S3StoreHarness(server, http: http);
        var data = RandomBytes(seed: 41, 1000);
        Assert.True(await s3.Store.PromoteAsync("copied", data.Length, await s3.UploadAsync("copied", data), Sha256Hex(data), default));

        var copy = Assert.Single(http.Requests, r => r.Headers.ContainsKey("x-amz-copy-source"));

        Assert.Equal($"{s3.Bucket.Name}/uploads/copied", copy.Headers["x-amz-copy-source"].TrimStart('/'));
        Assert.Contains("x-amz-copy-source", copy.Headers["authorization"]);
        Assert.All(http.Requests, request => Assert.True(SigV4.IsValid(request, S3rverServer.SecretKey), request.Line));

        // Control: the check notices a copy source changed after signing (the order the SDK could have used).
        var encoded = new Dictionary<string, string>(copy.Headers, StringComparer.OrdinalIgnoreCase)
        {
            ["x-amz-copy-source"] = copy.Headers["x-amz-copy-source"].Replace("/", "%2F"),
        };
        Assert.False(SigV4.IsValid(copy with { Headers = encoded }, S3rverServer.SecretKey));
    }
}
