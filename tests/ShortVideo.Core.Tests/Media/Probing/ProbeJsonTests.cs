using ShortVideo.Media.Probing;

namespace ShortVideo.Core.Tests.Media.Probing;

/// <summary>Conventions of reading ffprobe's JSON that real files from ffmpeg 5.1 cannot all show.</summary>
public sealed class ProbeJsonTests
{
    [Fact]
    public void A_display_matrix_of_minus_90_means_a_quarter_turn_clockwise()
    {
        var video = VideoOf("""{ "side_data_list": [ { "side_data_type": "Display Matrix", "rotation": -90 } ] }""");

        Assert.Equal(90, video.Rotation);
        Assert.Equal((1080, 1920), (video.DisplayWidth, video.DisplayHeight));
    }

    [Fact]
    public void The_display_matrix_wins_over_the_legacy_rotate_tag_which_is_read_as_clockwise()
    {
        Assert.Equal(90, VideoOf("""{ "tags": { "rotate": "90" } }""").Rotation);
        Assert.Equal(180, VideoOf("""{ "tags": { "rotate": "90" }, "side_data_list": [ { "side_data_type": "Display Matrix", "rotation": 180 } ] }""").Rotation);
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(-90, 90)]
    [InlineData(90, 270)]
    [InlineData(-180, 180)]
    [InlineData(270, 90)]
    [InlineData(-89.98, 90)]
    public void Matrix_angles_fold_into_clockwise_quarter_turns(double counterclockwise, int clockwise)
    {
        Assert.Equal(clockwise, ProbeJson.NormalizeRotation(-counterclockwise));
    }

    [Fact]
    public void Cover_art_is_not_taken_for_a_video_stream()
    {
        var result = ProbeJson.TryParse("""
            { "format": { "format_name": "mp3", "duration": "3.0" }, "streams": [
              { "codec_type": "audio", "codec_name": "mp3", "channels": 2, "sample_rate": "44100" },
              { "codec_type": "video", "codec_name": "mjpeg", "width": 600, "height": 600, "disposition": { "attached_pic": 1 } } ] }
            """);

        Assert.NotNull(result);
        Assert.Null(result.Video);
        Assert.Equal(44100, result.Audio?.SampleRate);
    }

    [Fact]
    public void Rates_within_one_percent_are_constant_and_beyond_it_variable()
    {
        Assert.False(VideoOf("""{ "avg_frame_rate": "2997/100", "r_frame_rate": "30000/1001" }""").IsVariableFrameRate);
        Assert.True(VideoOf("""{ "avg_frame_rate": "1350/59", "r_frame_rate": "30/1" }""").IsVariableFrameRate);
        Assert.False(VideoOf("""{ "avg_frame_rate": "0/0", "r_frame_rate": "30/1" }""").IsVariableFrameRate);
        Assert.Equal(30, VideoOf("""{ "avg_frame_rate": "0/0", "r_frame_rate": "30/1" }""").FrameRate);
    }

    [Theory]
    [InlineData("")]
    [InlineData("{\n\n}")]
    [InlineData("not json")]
    [InlineData("""{ "streams": [] }""")]
    public void Output_without_a_format_object_gives_no_result(string output)
    {
        Assert.Null(ProbeJson.TryParse(output));
    }

    /// <summary>A 1920×1080 h264 stream with the given fields added.</summary>
    private static VideoStreamInfo VideoOf(string extraFields)
    {
        var extra = extraFields.Trim()[1..^1].Trim();
        var json = $$"""
            { "format": { "duration": "1.0" }, "streams": [
              { "codec_type": "video", "codec_name": "h264", "width": 1920, "height": 1080{{(extra.Length > 0 ? ", " + extra : "")}} } ] }
            """;
        return Assert.IsType<VideoStreamInfo>(ProbeJson.TryParse(json)?.Video);
    }
}
