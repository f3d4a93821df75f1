using ShortVideo.Catalog;
using ShortVideo.Core.Tests.Media.Probing;

namespace ShortVideo.Core.Tests.Media.Pipeline;

/// <summary>
/// Damaged uploads end failed with a sentence at their first attempt, whatever their layout: processing returns
/// the failed video rather than throwing, and a throw is what would make the job queue try again. Healthy files in
/// the same layouts are published. Each test has its own data directory and media.
/// </summary>
public sealed class DamagedUploadTests : IAsyncLifetime
{
    private const string Damaged = "This video file is damaged or incomplete (it may not have finished uploading or saving).";

    private readonly MediaSamples _samples = new();
    private readonly MediaPipelineHarness _pipeline = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await _pipeline.DisposeAsync();
        _samples.Dispose();
    }

    [Theory]
    [InlineData("faststart.mp4", 0.6)] // the index is whole, the samples it lists past the cut are not
    [InlineData("faststart.mp4", 0.01)] // the cut is inside the index
    [InlineData("plain.mp4", 0.6)] // the index, written last, is cut away
    [InlineData("fragmented.mp4", 0.6)] // the cut is inside a fragment
    [InlineData("clip.mkv", 0.6)]
    [InlineData("clip.webm", 0.6)]
    [InlineData("clip.ts", 0.6)]
    public async Task An_upload_cut_short_ends_failed_as_damaged_at_its_first_attempt(string layout, double kept)
    {
        var video = await _pipeline.ProcessAsync(MediaSamples.Cut(_samples.Layout(layout), kept));

        AssertRefusedAsDamaged(video);
    }

    [Theory]
    [InlineData("faststart.mp4")]
    [InlineData("fragmented.mp4")]
    [InlineData("clip.mkv")]
    [InlineData("clip.webm")]
    [InlineData("clip.ts")]
    public async Task An_upload_whose_bytes_after_the_first_40_percent_are_random_ends_failed_as_damaged_at_its_first_attempt(string layout)
    {
        var video = await _pipeline.ProcessAsync(MediaSamples.Overwrite(_samples.Layout(layout), 0.4, seed: 7));

        AssertRefusedAsDamaged(video);
    }

    [Theory]
    [InlineData("plain.mp4")]
    [InlineData("faststart.mp4")]
    [InlineData("fragmented.mp4")]
    [InlineData("clip.mkv")]
    [InlineData("clip.webm")]
    [InlineData("clip.ts")]
    [InlineData("longer-audio.mkv")]
    [InlineData("rotated.mp4")]
    [InlineData("vfr.mp4")]
    public async Task A_healthy_upload_is_published_ready_in_every_layout_without_a_second_decode_to_check_it(string layout)
    {
        var source = layout switch
        {
            "rotated.mp4" => _samples.Rotated("270"),
            "vfr.mp4" => _samples.VariableFrameRate(),
            _ => _samples.Layout(layout),
        };

        var video = await _pipeline.ProcessAsync(source);

        Assert.Equal(VideoStatus.Ready, video.Status);
        Assert.Null(video.Error);
        Assert.NotNull(video.MediaVersion);

        // One decode: the transcode, whose filter graph also hands the fingerprint its frames. Neither a fingerprinting
        // ffmpeg of its own nor the decode check into the null muxer ran.
        var run = Assert.Single(_pipeline.FfmpegRuns);
        Assert.Contains(" -f hls ", run, StringComparison.Ordinal);
        Assert.EndsWith(" -f rawvideo -", run, StringComparison.Ordinal);
    }

    private static void AssertRefusedAsDamaged(VideoRecord video)
    {
        Assert.Equal(VideoStatus.Failed, video.Status);
        Assert.Equal(Damaged, video.Error);
        Assert.Null(video.MediaVersion);
    }
}
