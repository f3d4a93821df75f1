using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using ShortVideo.Hosting.Tests.Auth;
using ShortVideo.Testing;

namespace ShortVideo.Hosting.Tests.Media;

/// <summary>
/// Upload to playable HLS through a whole node (real ffmpeg, the SQLite job queue, the media worker): status
/// moves uploaded → processing → ready, the media is served with the right types, caching, ranges and CORS,
/// and files that are not videos end as failed with a sentence while the node stays healthy.
/// </summary>
public sealed class MediaPipelineTests : IAsyncLifetime
{
    private readonly TempDirectory _media = new("clips");
    private InProcessNode _node = null!;
    private HttpClient _alice = null!;

    public async Task InitializeAsync()
    {
        _node = await InProcessNode.StartAsync();
        _alice = _node.Client("alice");
    }

    public async Task DisposeAsync()
    {
        _alice.Dispose();
        await _node.DisposeAsync();
        _media.Dispose();
    }

    [Fact]
    public async Task An_uploaded_clip_becomes_ready_hls_served_with_types_caching_ranges_and_cors()
    {
        var clip = await TestClips.VideoAsync(_media.Path, "clip.mp4", 640, 360, seconds: 3);
        var id = await VideoRequests.UploadAsync(_alice, clip, TusRequests.Metadata(("filename", "clip.mp4")));

        var video = await VideoRequests.WaitUntilProcessedAsync(_alice, id);

        Assert.Equal("ready", video.GetProperty("status").GetString());
        Assert.InRange(video.GetProperty("durationMs").GetInt64(), 2900, 3200);
        var master = new Uri(video.GetProperty("playback").GetProperty("hls").GetString()!);
        Assert.StartsWith(_node.BaseAddress.AbsoluteUri, master.AbsoluteUri, StringComparison.Ordinal);
        Assert.EndsWith("/master.m3u8", master.AbsolutePath, StringComparison.Ordinal);

        // A player on another origin, without a token: the master playlist, short-cached, CORS-readable.
        using var player = new HttpClient();
        using var masterRequest = new HttpRequestMessage(HttpMethod.Get, master);
        masterRequest.Headers.Add("Origin", "https://player.example");
        using var masterResponse = await player.SendAsync(masterRequest);
        Assert.Equal(HttpStatusCode.OK, masterResponse.StatusCode);
        Assert.Equal("application/vnd.apple.mpegurl", masterResponse.Content.Headers.ContentType!.MediaType);
        Assert.Equal("*", masterResponse.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.Contains("max-age=30", masterResponse.Headers.CacheControl!.ToString(), StringComparison.Ordinal);
        var masterText = await masterResponse.Content.ReadAsStringAsync();
        Assert.Contains("#EXT-X-INDEPENDENT-SEGMENTS", masterText, StringComparison.Ordinal);
        Assert.Contains("RESOLUTION=640x360", masterText, StringComparison.Ordinal);

        // The media playlist names an init section and segments; a segment is immutable and served by range.
        var rendition = masterText.Split('\n').First(line => line.EndsWith(".m3u8", StringComparison.Ordinal));
        var mediaPlaylist = await player.GetStringAsync(new Uri(master, rendition));
        var segmentName = mediaPlaylist.Split('\n').First(line => line.EndsWith(".m4s", StringComparison.Ordinal));
        var segmentUri = new Uri(new Uri(master, rendition), segmentName);
        using var whole = await player.GetAsync(segmentUri);
        Assert.Equal("video/iso.segment", whole.Content.Headers.ContentType!.MediaType);
        Assert.True(whole.Headers.CacheControl!.Public);
        Assert.Contains("immutable", whole.Headers.CacheControl.ToString(), StringComparison.Ordinal);
        var etag = whole.Headers.ETag!;
        Assert.False(etag.IsWeak);
        var length = (await whole.Content.ReadAsByteArrayAsync()).Length;

        using var rangeRequest = new HttpRequestMessage(HttpMethod.Get, segmentUri);
        rangeRequest.Headers.Range = new RangeHeaderValue(100, 199);
        using var range = await player.SendAsync(rangeRequest);
        Assert.Equal(HttpStatusCode.PartialContent, range.StatusCode);
        Assert.Equal($"bytes 100-199/{length}", range.Content.Headers.ContentRange!.ToString());
        Assert.Equal(100, (await range.Content.ReadAsByteArrayAsync()).Length);

        using var conditional = new HttpRequestMessage(HttpMethod.Get, segmentUri);
        conditional.Headers.IfNoneMatch.Add(etag);
        using var notModified = await player.SendAsync(conditional);
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);

        using var unsatisfiable = new HttpRequestMessage(HttpMethod.Get, segmentUri);
        unsatisfiable.Headers.Range = new RangeHeaderValue(length + 10, null);
        using var outOfRange = await player.SendAsync(unsatisfiable);
        Assert.Equal(HttpStatusCode.RequestedRangeNotSatisfiable, outOfRange.StatusCode);

        // The poster is listed in the JSON and is a JPEG.
        var poster = video.GetProperty("thumbnails")[0].GetString()!;
        using var posterResponse = await player.GetAsync(poster);
        Assert.Equal("image/jpeg", posterResponse.Content.Headers.ContentType!.MediaType);
        var jpeg = await posterResponse.Content.ReadAsByteArrayAsync();
        Assert.Equal([0xFF, 0xD8], jpeg[..2]);

        // The storyboard: a WebVTT index (one cue per second of this 3 s clip) pointing into a sprite.
        var storyboard = video.GetProperty("storyboard");
        using var vtt = await player.GetAsync(storyboard.GetProperty("vtt").GetString());
        Assert.Equal("text/vtt", vtt.Content.Headers.ContentType!.MediaType);
        var cues = await vtt.Content.ReadAsStringAsync();
        Assert.StartsWith("WEBVTT", cues, StringComparison.Ordinal);
        Assert.Equal(3, cues.Split("storyboard.jpg#xywh=").Length - 1);
        using var sprite = await player.GetAsync(storyboard.GetProperty("sprite").GetString());
        Assert.Equal("image/jpeg", sprite.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task A_text_file_named_mp4_ends_failed_with_a_sentence_and_the_node_stays_healthy()
    {
        var path = Path.Combine(_media.Path, "notes.mp4");
        await File.WriteAllTextAsync(path, "these are my holiday notes, not a video\n");
        var id = await VideoRequests.UploadAsync(_alice, path);

        var video = await VideoRequests.WaitUntilProcessedAsync(_alice, id);

        Assert.Equal("failed", video.GetProperty("status").GetString());
        Assert.Equal("This file is not a video we can read.", video.GetProperty("error").GetString());
        Assert.Equal(JsonValueKind.Null, video.GetProperty("playback").GetProperty("hls").ValueKind);
        using var health = await _alice.GetAsync("healthz");
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }

    [Fact]
    public async Task A_faststart_clip_cut_short_ends_failed_as_damaged_instead_of_publishing_what_is_left()
    {
        // Written with +faststart, the index comes first: ffprobe reads it whole and finds nothing wrong, while
        // the samples it lists past 60% of the file are gone.
        var clip = await TestClips.VideoAsync(_media.Path, "cut.mp4", 320, 240, seconds: 2);
        using (var file = new FileStream(clip, FileMode.Open, FileAccess.Write))
        {
            file.SetLength(file.Length * 6 / 10);
        }

        var id = await VideoRequests.UploadAsync(_alice, clip);

        var video = await VideoRequests.WaitUntilProcessedAsync(_alice, id);

        Assert.Equal("failed", video.GetProperty("status").GetString());

        // The sentence of a damaged file, not the one of a job that failed every retry.
        Assert.Equal("This video file is damaged or incomplete (it may not have finished uploading or saving).", video.GetProperty("error").GetString());
        Assert.Equal(JsonValueKind.Null, video.GetProperty("playback").GetProperty("hls").ValueKind);
    }

    [Fact]
    public async Task Every_media_path_of_a_private_video_answers_others_404_like_an_unknown_video_until_the_owner_makes_it_public()
    {
        var clip = await TestClips.VideoAsync(_media.Path, "private.mp4", 320, 240, seconds: 2, audio: false);
        var id = await VideoRequests.UploadAsync(_alice, clip, TusRequests.Metadata(("visibility", "private")));
        var video = await VideoRequests.WaitUntilProcessedAsync(_alice, id);
        Assert.Equal("ready", video.GetProperty("status").GetString());
        Assert.Equal("private", video.GetProperty("visibility").GetString());
        var paths = await MediaUrls.AllAsync(_alice, video);
        Assert.Equal(7, paths.Count);

        // What a stranger gets for a video that does not exist, to compare with.
        using var bob = _node.Client("bob");
        using var anonymous = new HttpClient();

        // A stranger who forges the owner's identity: a token naming alice, signed with another key, or unsigned.
        using var forged = new HttpClient();
        forged.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", TestTokens.Create(key: new byte[32], subject: "alice"));
        using var unsigned = new HttpClient();
        unsigned.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", TestTokens.Unsigned("alice"));
        var master = paths[0];
        var unknown = master.Replace(id, "nosuchvideo00000000", StringComparison.Ordinal);
        using var unknownResponse = await bob.GetAsync(unknown);
        Assert.Equal(HttpStatusCode.NotFound, unknownResponse.StatusCode);
        var unknownProblem = MediaUrls.Problem(await unknownResponse.Content.ReadAsStringAsync());

        foreach (var client in new[] { bob, anonymous, forged, unsigned })
        {
            foreach (var path in paths)
            {
                using var response = await client.GetAsync(path);
                Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
                Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
                Assert.Equal(unknownProblem, MediaUrls.Problem(await response.Content.ReadAsStringAsync()));
            }
        }

        using var metadata = await bob.GetAsync($"api/v1/videos/{id}");
        Assert.Equal(HttpStatusCode.NotFound, metadata.StatusCode);
        Assert.DoesNotContain("private", await metadata.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);

        // The owner gets every file, privately cached.
        foreach (var path in paths)
        {
            using var own = await _alice.GetAsync(path);
            Assert.Equal(HttpStatusCode.OK, own.StatusCode);
            Assert.True(own.Headers.CacheControl!.Private);
        }

        // Only the owner may change it; a value other than public or private is refused.
        Assert.Equal(HttpStatusCode.NotFound, (await bob.PatchAsJsonAsync($"api/v1/videos/{id}", new { visibility = "public" })).StatusCode);
        using var invalid = await _alice.PatchAsJsonAsync($"api/v1/videos/{id}", new { visibility = "friends" });
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        Assert.Equal("application/problem+json", invalid.Content.Headers.ContentType!.MediaType);
        using var made = await _alice.PatchAsJsonAsync($"api/v1/videos/{id}", new { visibility = "public" });
        Assert.Equal("public", (await made.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("visibility").GetString());
        foreach (var path in paths)
        {
            Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync(path)).StatusCode);
        }
    }

    [Fact]
    public async Task An_unknown_visibility_in_upload_metadata_is_refused_when_the_upload_is_created()
    {
        using var created = await _alice.SendAsync(TusRequests.Create(10, TusRequests.Metadata(("visibility", "friends"))));

        Assert.Equal(HttpStatusCode.BadRequest, created.StatusCode);
        Assert.Contains("visibility", await created.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Media_of_unknown_videos_versions_or_paths_answers_404()
    {
        using var anonymous = new HttpClient { BaseAddress = _node.BaseAddress };
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync("media/nosuchvideo/v1/master.m3u8")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync("media/x/v1/..%2F..%2Fshortvideo.db")).StatusCode);
    }

    [Fact]
    public async Task A_phone_clip_flagged_as_rotated_is_published_upright_and_vertical()
    {
        // Stored 320x180 with a display matrix for a quarter turn (what phones write): shown as 180x320.
        var stored = Path.Combine(_media.Path, "stored.mp4");
        await TestClips.FfmpegAsync(["-f", "lavfi", "-i", "testsrc2=size=320x180:rate=30:duration=2", "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", stored]);
        var rotated = Path.Combine(_media.Path, "rotated.mp4");
        await TestClips.FfmpegAsync(["-i", stored, "-c", "copy", "-metadata:s:v:0", "rotate=270", rotated]);
        var id = await VideoRequests.UploadAsync(_alice, rotated);

        var video = await VideoRequests.WaitUntilProcessedAsync(_alice, id);

        Assert.Equal("ready", video.GetProperty("status").GetString());
        var master = await _alice.GetStringAsync(video.GetProperty("playback").GetProperty("hls").GetString());
        Assert.Contains("RESOLUTION=180x320", master, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_variable_frame_rate_clip_is_transcoded_to_constant_segments()
    {
        var vfr = Path.Combine(_media.Path, "vfr.mp4");
        await TestClips.FfmpegAsync(["-f", "lavfi", "-i", "testsrc2=size=480x270:rate=30:duration=3", "-vf", "select='lt(t\\,1)+not(mod(n\\,2))'", "-fps_mode", "vfr", "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", vfr]);
        var id = await VideoRequests.UploadAsync(_alice, vfr);

        var video = await VideoRequests.WaitUntilProcessedAsync(_alice, id);

        Assert.Equal("ready", video.GetProperty("status").GetString());
        var master = await _alice.GetStringAsync(video.GetProperty("playback").GetProperty("hls").GetString());
        Assert.Contains("RESOLUTION=480x270", master, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_empty_upload_ends_failed_as_empty()
    {
        using var created = await _alice.SendAsync(TusRequests.Create(0));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = created.Headers.GetValues("Video-Id").Single();

        var video = await VideoRequests.WaitUntilProcessedAsync(_alice, id);

        Assert.Equal("failed", video.GetProperty("status").GetString());
        Assert.Equal("This file is empty.", video.GetProperty("error").GetString());
    }

    [Fact]
    public async Task An_audio_only_upload_ends_failed_for_having_no_picture()
    {
        var audio = Path.Combine(_media.Path, "song.m4a");
        await TestClips.FfmpegAsync(["-f", "lavfi", "-i", "sine=frequency=440:duration=2", "-c:a", "aac", audio]);
        var id = await VideoRequests.UploadAsync(_alice, audio);

        var video = await VideoRequests.WaitUntilProcessedAsync(_alice, id);

        Assert.Equal("failed", video.GetProperty("status").GetString());
        Assert.Contains("no video", video.GetProperty("error").GetString(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_resized_re_encode_of_a_ready_video_is_marked_as_its_near_duplicate_and_a_different_clip_is_not()
    {
        var original = await TestClips.VideoAsync(_media.Path, "original.mp4", 480, 270, seconds: 3, audio: false);
        var copy = Path.Combine(_media.Path, "copy.mp4");
        await TestClips.FfmpegAsync(["-i", original, "-vf", "scale=320:180", "-c:v", "libx264", "-preset", "ultrafast", "-crf", "32", copy]);
        var different = Path.Combine(_media.Path, "different.mp4");
        await TestClips.FfmpegAsync(["-f", "lavfi", "-i", "mandelbrot=size=480x270:rate=30", "-t", "3", "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", different]);

        var originalId = await VideoRequests.UploadAsync(_alice, original);
        Assert.Equal("ready", (await VideoRequests.WaitUntilProcessedAsync(_alice, originalId)).GetProperty("status").GetString());
        using var bob = _node.Client("bob");
        var copyVideo = await VideoRequests.WaitUntilProcessedAsync(bob, await VideoRequests.UploadAsync(bob, copy));
        var differentVideo = await VideoRequests.WaitUntilProcessedAsync(bob, await VideoRequests.UploadAsync(bob, different));

        Assert.Equal(originalId, copyVideo.GetProperty("nearDuplicateOf").GetString());
        Assert.False(copyVideo.GetProperty("deduplicated").GetBoolean());
        Assert.Equal(JsonValueKind.Null, differentVideo.GetProperty("nearDuplicateOf").ValueKind);
    }
}
