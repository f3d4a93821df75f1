using ShortVideo.Media;
using ShortVideo.Media.Hls;
using ShortVideo.Media.Ladder;
using ShortVideo.Media.Transcoding;
using Xunit.Abstractions;

namespace ShortVideo.Core.Tests.Media.Transcoding;

public sealed class HlsTranscoderTests : IClassFixture<LandscapeTranscodeFixture>
{
    private readonly LandscapeTranscodeFixture _fixture;
    private readonly ITestOutputHelper _output;

    public HlsTranscoderTests(LandscapeTranscodeFixture fixture, ITestOutputHelper output)
    {
        _fixture = fixture;
        _output = output;
    }

    [Fact]
    public void A_720p_clip_becomes_720p_480p_and_360p_renditions_that_validate()
    {
        _output.WriteLine($"one-process transcode wall time: {_fixture.Result.WallTime.TotalMilliseconds:0} ms");
        Assert.Equal(["720p", "480p", "360p"], _fixture.Result.Renditions.Select(r => r.Rendition.Name));
        Assert.Empty(HlsValidator.Validate(_fixture.Result.MasterPlaylistPath));
    }

    [Fact]
    public void Every_rendition_decodes_to_the_end_without_errors()
    {
        foreach (var rendition in _fixture.Result.Renditions)
        {
            var decode = MediaTools.Run("ffmpeg", "-v", "error", "-i", rendition.PlaylistPath, "-f", "null", "-");
            Assert.Equal(0, decode.ExitCode);
            Assert.Equal(string.Empty, decode.Error);
            Assert.Equal("video,audio", MediaTools.StreamTypes(rendition.PlaylistPath));
        }
    }

    [Fact]
    public void A_clean_transcode_reports_no_errors_so_its_source_is_not_decoded_again_to_check_it()
    {
        Assert.Empty(_fixture.Result.Errors);
    }

    [Fact]
    public async Task A_decode_check_by_an_ffmpeg_that_fails_without_a_word_blames_nothing_on_the_source()
    {
        var damage = await LandscapeTranscodeFixture.CreateTranscoder(new LadderOptions(), ffmpeg: "/bin/false").FindDamageAsync(_fixture.Source, CancellationToken.None);

        Assert.Null(damage);
    }

    [Fact]
    public void Keyframes_fall_at_the_same_times_in_every_rendition()
    {
        var times = _fixture.Result.Renditions.Select(r => MediaTools.KeyframeTimes(r.PlaylistPath)).ToList();

        Assert.Equal(2, times[0].Count);
        Assert.All(times, t => Assert.Equal(times[0], t));
    }

    [Fact]
    public void The_master_lists_measured_bit_rates_by_ascending_bandwidth()
    {
        var text = File.ReadAllText(_fixture.Result.MasterPlaylistPath);
        _output.WriteLine(text);
        var master = MasterPlaylist.Parse(text);

        Assert.Equal(["360p/index.m3u8", "480p/index.m3u8", "720p/index.m3u8"], master.Variants.Select(v => v.Uri));
        foreach (var output in _fixture.Result.Renditions)
        {
            Assert.InRange(output.Measured.AverageBandwidth, 1, output.Measured.PeakBandwidth);
            Assert.Equal(2, output.Measured.SegmentCount);
            Assert.Contains($"BANDWIDTH={output.Measured.PeakBandwidth},AVERAGE-BANDWIDTH={output.Measured.AverageBandwidth},", text);
        }

        Assert.Contains("CODECS=\"avc1.64001f,mp4a.40.2\",RESOLUTION=1280x720,FRAME-RATE=30.000", text);
    }

    [Fact]
    public void The_poster_is_a_jpeg()
    {
        var bytes = File.ReadAllBytes(_fixture.Result.PosterPath!);
        Assert.True(bytes.Length > 1000);
        Assert.Equal([0xFF, 0xD8], bytes[..2]);
    }

    [Fact]
    public void The_storyboard_is_a_sprite_of_one_tile_per_second_indexed_by_webvtt_cues()
    {
        // 4 s of video: tiles at 0, 1, 2 and 3 s, 160x90 each, in one row of four.
        var vtt = File.ReadAllText(_fixture.Result.StoryboardPath!);
        _output.WriteLine(vtt);
        Assert.StartsWith("WEBVTT", vtt, StringComparison.Ordinal);
        Assert.Contains("00:00:00.000 --> 00:00:01.000\nstoryboard.jpg#xywh=0,0,160,90", vtt, StringComparison.Ordinal);
        Assert.Contains("00:00:03.000 --> 00:00:04.000\nstoryboard.jpg#xywh=480,0,160,90", vtt, StringComparison.Ordinal);
        var sprite = MediaTools.Run("ffprobe", "-v", "error", "-show_entries", "stream=width,height", "-of", "csv=p=0", Path.Combine(Path.GetDirectoryName(_fixture.Result.StoryboardPath)!, "storyboard.jpg"));
        Assert.Equal("640,90", sprite.Output.Trim());
    }

    [Fact]
    public async Task A_vertical_clip_without_audio_becomes_video_only_renditions_that_validate()
    {
        using var temp = new TempDirectory("sv-hls-vertical-");
        var directory = temp.Path;
        var input = MediaTools.MakeClip(directory, 360, 640, 2, audio: false);
        var source = new TranscodeSource(input, 360, 640, 30, HasAudio: false, TimeSpan.FromSeconds(2));
        var options = new LadderOptions();
        var ladder = LadderPlanner.Plan(source, options);

        var result = await LandscapeTranscodeFixture.CreateTranscoder(options).TranscodeAsync(source, ladder, Path.Combine(directory, "out"), CancellationToken.None);

        var only = Assert.Single(result.Renditions);
        Assert.Equal("360p", only.Rendition.Name);
        Assert.Equal((360, 640), (only.Rendition.Width, only.Rendition.Height));
        Assert.Equal("video", MediaTools.StreamTypes(only.PlaylistPath));
        Assert.Empty(HlsValidator.Validate(result.MasterPlaylistPath));
    }

    [Fact]
    public async Task A_failing_ffmpeg_throws_with_the_end_of_its_stderr()
    {
        using var temp = new TempDirectory("sv-hls-fail-");
        var directory = temp.Path;
        var source = new TranscodeSource(Path.Combine(directory, "missing.mp4"), 640, 360, 30, true, TimeSpan.FromSeconds(1));
        var options = new LadderOptions();

        var error = await Assert.ThrowsAsync<TranscodeException>(() =>
            LandscapeTranscodeFixture.CreateTranscoder(options).TranscodeAsync(source, LadderPlanner.Plan(source, options), directory, CancellationToken.None));

        Assert.Contains("exited with code", error.Message);
        Assert.Contains("missing.mp4", error.Message);
    }

    [Fact]
    public async Task A_transcode_past_its_timeout_is_killed_and_throws()
    {
        using var temp = new TempDirectory("sv-hls-timeout-");
        var directory = temp.Path;
        var options = new LadderOptions();

        var error = await Assert.ThrowsAsync<TranscodeException>(() =>
            LandscapeTranscodeFixture.CreateTranscoder(options, TimeSpan.FromMilliseconds(50)).TranscodeAsync(_fixture.Source, _fixture.Ladder, directory, CancellationToken.None));

        Assert.Contains("was killed", error.Message);
    }
}
