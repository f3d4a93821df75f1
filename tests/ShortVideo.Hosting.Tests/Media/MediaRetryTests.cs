using System.Net;
using ShortVideo.Testing;

namespace ShortVideo.Hosting.Tests.Media;

/// <summary>
/// A transcode that keeps failing (here: ffmpeg is /bin/false, so every attempt exits 1) is retried with
/// backoff and stops after Jobs:MaxAttempts with status failed and a sentence, never stuck in processing.
/// </summary>
public sealed class MediaRetryTests
{
    [Fact]
    public async Task A_transcode_that_keeps_failing_stops_after_max_attempts_with_status_failed()
    {
        using var clips = new TempDirectory("retry-clips");
        await using var node = await InProcessNode.StartAsync(o =>
        {
            o["Media:Transcoding:FfmpegPath"] = "/bin/false";
            o["Jobs:MaxAttempts"] = "2";
            o["Jobs:RetryBaseDelay"] = "00:00:00.200";
            o["Jobs:RetryMaxDelay"] = "00:00:01";
            o["Media:Worker:PollInterval"] = "00:00:00.100";
        });
        using var alice = node.Client("alice");
        var clip = await TestClips.VideoAsync(clips.Path, "clip.mp4", 320, 240, seconds: 1);
        var id = await VideoRequests.UploadAsync(alice, clip);

        var video = await VideoRequests.WaitUntilProcessedAsync(alice, id, TimeSpan.FromSeconds(30));

        Assert.Equal("failed", video.GetProperty("status").GetString());
        Assert.Equal("We could not process this video (tried 2 times). Try uploading it again.", video.GetProperty("error").GetString());
        Assert.Equal(HttpStatusCode.OK, (await alice.GetAsync("healthz")).StatusCode);
    }
}
