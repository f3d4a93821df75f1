using Microsoft.Extensions.Options;
using ShortVideo.Media.Probing;

namespace ShortVideo.Core.Tests.Media.Probing;

/// <summary>Probe and validate real files made by ffmpeg, each test in a directory of its own.</summary>
public sealed class MediaProbeTests : IDisposable
{
    private readonly MediaSamples _samples = new();
    private readonly MediaProbeOptions _options = new();

    public void Dispose() => _samples.Dispose();

    [Fact]
    public async Task An_empty_file_is_refused_as_empty()
    {
        var rejection = await RejectionOf(_samples.Empty());

        Assert.Equal(MediaRejectionCode.NotMedia, rejection.Code);
        Assert.Equal("This file is empty.", rejection.Message);
    }

    [Fact]
    public async Task A_text_file_named_clip_mp4_is_refused_as_not_a_video()
    {
        var (probe, rejection) = await Refused(_samples.TextNamedMp4());

        // ffprobe guesses the demuxer from ".mp4" and says "moov atom not found" here too.
        Assert.Null(probe.Signature);
        Assert.Equal(MediaRejectionCode.NotMedia, rejection.Code);
        AssertSentence(rejection.Message, "not a video");
    }

    [Fact]
    public async Task A_truncated_mp4_without_its_moov_atom_is_refused_as_damaged()
    {
        var (probe, rejection) = await Refused(_samples.TruncatedMp4());

        Assert.Contains("moov atom not found", probe.Diagnostic, StringComparison.Ordinal);
        Assert.Equal("mp4", probe.Signature);
        Assert.Equal(MediaRejectionCode.Corrupt, rejection.Code);
        AssertSentence(rejection.Message, "damaged or incomplete");
    }

    [Fact]
    public async Task An_audio_only_file_is_refused_for_having_no_video()
    {
        var (probe, rejection) = await Refused(_samples.AudioOnly());

        Assert.Equal("aac", probe.Audio?.Codec);
        Assert.Equal(MediaRejectionCode.NoVideoStream, rejection.Code);
        AssertSentence(rejection.Message, "only audio");
    }

    [Fact]
    public async Task A_5000_pixel_square_video_is_refused_as_too_large()
    {
        var rejection = await RejectionOf(_samples.Video("huge.mp4", 5000, 5000, rate: 1, seconds: 1));

        Assert.Equal(MediaRejectionCode.TooLarge, rejection.Code);
        AssertSentence(rejection.Message, "5000×5000", "4096");
    }

    [Fact]
    public async Task A_20_minute_video_is_refused_as_longer_than_the_10_minute_limit()
    {
        _options.MaxDuration = TimeSpan.FromMinutes(10);

        // One 64×64 frame a second encodes 20 minutes in about a tenth of a second.
        var rejection = await RejectionOf(_samples.Video("long.mp4", 64, 64, rate: 1, seconds: 1200));

        Assert.Equal(MediaRejectionCode.TooLong, rejection.Code);
        Assert.Equal("This video is 20:00 long; the limit is 10:00.", rejection.Message);
    }

    [Theory]
    [InlineData("270", 90)]
    [InlineData("90", 270)]
    public async Task A_video_flagged_to_display_turned_a_quarter_is_accepted_with_its_sides_swapped(string rotateTag, int clockwise)
    {
        var probe = await Probe(_samples.Rotated(rotateTag));
        var video = Assert.IsType<VideoStreamInfo>(probe.Video);

        Assert.Null(MediaValidator.Validate(probe, _options));
        Assert.Equal(clockwise, video.Rotation);
        Assert.Equal((320, 180), (video.Width, video.Height));
        Assert.Equal((180, 320), (video.DisplayWidth, video.DisplayHeight));
    }

    [Fact]
    public async Task A_variable_frame_rate_phone_style_clip_is_accepted_and_flagged_variable()
    {
        var probe = await Probe(_samples.VariableFrameRate());
        var video = Assert.IsType<VideoStreamInfo>(probe.Video);

        Assert.Null(MediaValidator.Validate(probe, _options));
        Assert.True(video.IsVariableFrameRate);
        Assert.InRange(video.FrameRate ?? 0, 15, 29);
    }

    [Fact]
    public async Task A_normal_640x360_clip_with_stereo_aac_is_accepted_and_described()
    {
        var probe = await Probe(_samples.Normal());
        var video = Assert.IsType<VideoStreamInfo>(probe.Video);
        var audio = Assert.IsType<AudioStreamInfo>(probe.Audio);

        Assert.Null(MediaValidator.Validate(probe, _options));
        Assert.True(probe.Readable);
        Assert.Contains("mp4", probe.FormatName, StringComparison.Ordinal);
        Assert.InRange(probe.Duration?.TotalSeconds ?? 0, 1.9, 2.1);
        Assert.True(probe.SizeBytes > 0);
        Assert.Equal("h264", video.Codec);
        Assert.Equal((640, 360), (video.Width, video.Height));
        Assert.Equal((640, 360), (video.DisplayWidth, video.DisplayHeight));
        Assert.Equal(0, video.Rotation);
        Assert.Equal(30, video.FrameRate ?? 0, precision: 2);
        Assert.False(video.IsVariableFrameRate);
        Assert.Equal("yuv420p", video.PixelFormat);
        Assert.InRange(video.Duration?.TotalSeconds ?? 0, 1.9, 2.1);
        Assert.Equal("aac", audio.Codec);
        Assert.Equal(2, audio.Channels);
        Assert.Equal(48000, audio.SampleRate);
    }

    [Fact]
    public async Task A_probe_that_outlives_the_timeout_is_killed_and_reported()
    {
        _options.ProbeTimeout = TimeSpan.FromMilliseconds(200);
        var fifo = _samples.Fifo();

        var exception = await Assert.ThrowsAsync<MediaProbeException>(() => Probe(fifo));

        Assert.Contains("probe timeout of 0.2 s", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_ffprobe_is_reported_with_the_setting_that_points_to_it()
    {
        _options.FfprobePath = Path.Combine(Path.GetTempPath(), "no-such-dir", "ffprobe");

        var exception = await Assert.ThrowsAsync<MediaProbeException>(() => Probe(_samples.Empty()));

        Assert.Contains("Media:FfprobePath", exception.Message, StringComparison.Ordinal);
    }

    private Task<ProbeResult> Probe(string path) =>
        new MediaProber(Options.Create(_options)).ProbeAsync(path, CancellationToken.None);

    private async Task<(ProbeResult Probe, MediaRejection Rejection)> Refused(string path)
    {
        var probe = await Probe(path);
        return (probe, Assert.IsType<MediaRejection>(MediaValidator.Validate(probe, _options)));
    }

    private async Task<MediaRejection> RejectionOf(string path) => (await Refused(path)).Rejection;

    /// <summary>A message for uploaders: a capitalised sentence with the figures it cites and no tool jargon.</summary>
    private static void AssertSentence(string message, params string[] mentions)
    {
        Assert.Matches(@"^[A-Z].*\.$", message);
        Assert.DoesNotContain("ffprobe", message, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("moov", message, StringComparison.OrdinalIgnoreCase);
        foreach (var mention in mentions)
        {
            Assert.Contains(mention, message, StringComparison.Ordinal);
        }
    }
}
