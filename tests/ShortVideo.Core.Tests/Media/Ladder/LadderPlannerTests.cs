using ShortVideo.Media;
using ShortVideo.Media.Ladder;

namespace ShortVideo.Core.Tests.Media.Ladder;

public sealed class LadderPlannerTests
{
    private static TranscodeSource Source(int width, int height, double fps = 30, bool audio = true) =>
        new("in.mp4", width, height, fps, audio, TimeSpan.FromSeconds(10));

    private static string Sizes(IReadOnlyList<Rendition> ladder) =>
        string.Join(' ', ladder.Select(r => $"{r.Name}={r.Width}x{r.Height}"));

    [Fact]
    public void A_landscape_1080p_source_gets_four_rungs_from_1080p_down_to_360p()
    {
        var ladder = LadderPlanner.Plan(Source(1920, 1080), new LadderOptions());

        Assert.Equal("1080p=1920x1080 720p=1280x720 480p=854x480 360p=640x360", Sizes(ladder));
        Assert.All(ladder, r => Assert.Equal(VideoCodec.H264, r.Codec));
    }

    [Fact]
    public void A_vertical_source_stays_vertical()
    {
        var ladder = LadderPlanner.Plan(Source(1080, 1920), new LadderOptions());

        Assert.Equal("1080p=1080x1920 720p=720x1280 480p=480x854 360p=360x640", Sizes(ladder));
    }

    [Fact]
    public void A_360p_source_gets_only_360p_and_is_never_upscaled()
    {
        var ladder = LadderPlanner.Plan(Source(640, 360), new LadderOptions());

        Assert.Equal("360p=640x360", Sizes(ladder));
    }

    [Fact]
    public void A_source_below_the_smallest_rung_gets_one_rendition_at_its_own_size()
    {
        var ladder = LadderPlanner.Plan(Source(320, 240), new LadderOptions());

        Assert.Equal("240p=320x240", Sizes(ladder));
    }

    [Fact]
    public void Odd_source_sides_are_rounded_down_to_even()
    {
        var ladder = LadderPlanner.Plan(Source(321, 241), new LadderOptions());

        Assert.Equal("240p=320x240", Sizes(ladder));
    }

    [Fact]
    public void Bit_rates_follow_the_Apple_table_at_its_rows()
    {
        var ladder = LadderPlanner.Plan(Source(1920, 1080), new LadderOptions());

        Assert.Equal(6_000_000, ladder[0].VideoBitrate);
        Assert.Equal(3_000_000, ladder[1].VideoBitrate);
        Assert.InRange(ladder[2].VideoBitrate, 730_000, 2_000_000);
        Assert.Equal(365_000, ladder[3].VideoBitrate);
        Assert.All(ladder, r => Assert.Equal(r.VideoBitrate * 3 / 2, r.MaxBitrate));
    }

    [Fact]
    public void Sixty_fps_gets_more_bit_rate_than_thirty_fps_and_frame_rate_is_capped_at_60()
    {
        var thirty = LadderPlanner.Plan(Source(1280, 720, 30), new LadderOptions());
        var sixty = LadderPlanner.Plan(Source(1280, 720, 60), new LadderOptions());
        var oneTwenty = LadderPlanner.Plan(Source(1280, 720, 120), new LadderOptions());

        Assert.True(sixty[0].VideoBitrate > thirty[0].VideoBitrate);
        Assert.Equal(4_500_000, sixty[0].VideoBitrate);
        Assert.Equal(60, oneTwenty[0].FrameRate);
        Assert.Equal(sixty[0].VideoBitrate, oneTwenty[0].VideoBitrate);
    }

    [Fact]
    public void Hevc_and_av1_rungs_are_added_when_configured_with_fewer_bits()
    {
        var options = new LadderOptions();
        options.Codecs.Add(VideoCodec.H264);
        options.Codecs.Add(VideoCodec.Hevc);
        options.Codecs.Add(VideoCodec.Av1);

        var ladder = LadderPlanner.Plan(Source(1280, 720), options);

        Assert.Equal(
            "720p=1280x720 720p-hevc=1280x720 720p-av1=1280x720 480p=854x480 480p-hevc=854x480 480p-av1=854x480 360p=640x360 360p-hevc=640x360 360p-av1=640x360",
            Sizes(ladder));
        Assert.Equal(1_950_000, ladder[1].VideoBitrate);
        Assert.Equal(1_500_000, ladder[2].VideoBitrate);
    }

    [Fact]
    public void Configured_short_sides_replace_the_defaults()
    {
        var options = new LadderOptions();
        options.ShortSides.Add(540);

        var ladder = LadderPlanner.Plan(Source(1920, 1080), options);

        Assert.Equal("540p=960x540", Sizes(ladder));
    }

    [Theory]
    [InlineData(VideoCodec.H264, 1920, 1080, 30, "avc1.640028,mp4a.40.2")]
    [InlineData(VideoCodec.H264, 1280, 720, 30, "avc1.64001f,mp4a.40.2")]
    [InlineData(VideoCodec.H264, 640, 360, 30, "avc1.64001e,mp4a.40.2")]
    [InlineData(VideoCodec.H264, 1920, 1080, 60, "avc1.64002a,mp4a.40.2")]
    [InlineData(VideoCodec.Hevc, 1920, 1080, 30, "hvc1.1.6.L120.90,mp4a.40.2")]
    [InlineData(VideoCodec.Hevc, 1280, 720, 30, "hvc1.1.6.L93.90,mp4a.40.2")]
    [InlineData(VideoCodec.Av1, 1920, 1080, 30, "av01.0.08M.08,mp4a.40.2")]
    [InlineData(VideoCodec.Av1, 1280, 720, 30, "av01.0.05M.08,mp4a.40.2")]
    public void Codecs_strings_carry_the_lowest_level_that_holds_the_rendition(VideoCodec codec, int width, int height, double fps, string expected)
    {
        var options = new LadderOptions();
        options.Codecs.Add(codec);

        var top = LadderPlanner.Plan(Source(width, height, fps), options)[0];

        Assert.Equal(expected, top.Codecs);
    }

    [Fact]
    public void A_source_without_audio_gets_video_only_renditions()
    {
        var ladder = LadderPlanner.Plan(Source(640, 360, audio: false), new LadderOptions());

        Assert.False(ladder[0].HasAudio);
        Assert.Equal("avc1.64001e", ladder[0].Codecs);
    }
}
