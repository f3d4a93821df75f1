using System.Net;
using System.Net.Http.Headers;
using Amazon.S3;
using Amazon.S3.Model;
using ShortVideo.Testing;

namespace ShortVideo.Hosting.Tests.Media;

/// <summary>
/// The media pipeline on Storage:Provider=S3 against a real S3 API server (s3rver): the original is read from
/// the bucket, the HLS version is published as objects with their content types, and served from there by range.
/// </summary>
public sealed class S3MediaPipelineTests : IAsyncLifetime
{
    private readonly TempDirectory _clips = new("s3-clips");
    private S3rverServer _s3 = null!;
    private InProcessNode _node = null!;

    public async Task InitializeAsync()
    {
        _s3 = await S3rverServer.StartAsync();
        _node = await InProcessNode.StartAsync(o =>
        {
            o["Storage:Provider"] = "S3";
            o["Storage:S3:ServiceUrl"] = _s3.ServiceUrl;
            o["Storage:S3:Bucket"] = "media-test";
            o["Storage:S3:AccessKey"] = S3rverServer.AccessKey;
            o["Storage:S3:SecretKey"] = S3rverServer.SecretKey;
        });
    }

    public async Task DisposeAsync()
    {
        await _node.DisposeAsync();
        await _s3.DisposeAsync();
        _clips.Dispose();
    }

    [Fact]
    public async Task A_clip_uploaded_to_an_s3_node_becomes_hls_objects_served_by_range()
    {
        using var alice = _node.Client("alice");
        var clip = await TestClips.VideoAsync(_clips.Path, "clip.mp4", 480, 270, seconds: 2);
        var id = await VideoRequests.UploadAsync(alice, clip);

        var video = await VideoRequests.WaitUntilProcessedAsync(alice, id);

        Assert.Equal("ready", video.GetProperty("status").GetString());
        var master = new Uri(video.GetProperty("playback").GetProperty("hls").GetString()!);
        var masterText = await alice.GetStringAsync(master);
        var rendition = masterText.Split('\n').First(line => line.EndsWith(".m3u8", StringComparison.Ordinal));
        var playlist = await alice.GetStringAsync(new Uri(master, rendition));
        var segment = new Uri(new Uri(master, rendition), playlist.Split('\n').First(line => line.EndsWith(".m4s", StringComparison.Ordinal)));
        using var request = new HttpRequestMessage(HttpMethod.Get, segment);
        request.Headers.Range = new RangeHeaderValue(10, 59);
        using var range = await alice.SendAsync(request);
        Assert.Equal(HttpStatusCode.PartialContent, range.StatusCode);
        Assert.Equal(50, (await range.Content.ReadAsByteArrayAsync()).Length);

        // The objects are in the bucket under media/{id}/{version}/ with the types players need.
        using var s3 = new AmazonS3Client(S3rverServer.AccessKey, S3rverServer.SecretKey, new AmazonS3Config { ServiceURL = _s3.ServiceUrl, ForcePathStyle = true });
        var version = master.Segments[^2].TrimEnd('/');
        var head = await s3.GetObjectMetadataAsync(new GetObjectMetadataRequest { BucketName = "media-test", Key = $"media/{id}/{version}/master.m3u8" });
        Assert.Equal("application/vnd.apple.mpegurl", head.Headers.ContentType);
        Assert.False(Directory.Exists(Path.Combine(_node.DataDir, "media")), "media must not be written to local disk on S3");
    }
}
