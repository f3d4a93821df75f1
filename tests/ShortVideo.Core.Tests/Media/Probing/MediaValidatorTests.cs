using ShortVideo.Media.Probing;

namespace ShortVideo.Core.Tests.Media.Probing;

/// <summary>Validation rules that depend on figures rather than on a particular file.</summary>
public sealed class MediaValidatorTests
{
    private static readonly MediaProbeOptions Options = new();

    [Fact]
    public void A_length_just_over_the_limit_is_rounded_up_so_it_reads_longer_than_the_limit()
    {
        var rejection = MediaValidator.Validate(Readable(TimeSpan.FromSeconds(600.4)), Options);

        Assert.Equal("This video is 10:01 long; the limit is 10:00.", rejection?.Message);
    }

    [Fact]
    public void A_length_of_an_hour_or_more_shows_hours()
    {
        var rejection = MediaValidator.Validate(Readable(new TimeSpan(1, 2, 3)), Options);

        Assert.Equal("This video is 1:02:03 long; the limit is 10:00.", rejection?.Message);
    }

    [Fact]
    public void A_video_stream_without_any_duration_is_refused_as_having_no_length()
    {
        var rejection = MediaValidator.Validate(Readable(duration: null), Options);

        Assert.Equal(MediaRejectionCode.ZeroDuration, rejection?.Code);
        Assert.EndsWith(".", rejection?.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_largest_side_is_measured_as_displayed()
    {
        var portrait = new VideoStreamInfo { Width = 5000, Height = 2000, Rotation = 90 };
        var probe = Readable(TimeSpan.FromSeconds(5)) with { Video = portrait };

        Assert.Equal(
            "This video is 2000×5000 pixels; the largest side may be at most 4096 pixels.",
            MediaValidator.Validate(probe, Options)?.Message);
    }

    private static ProbeResult Readable(TimeSpan? duration) => new()
    {
        Readable = true,
        Duration = duration,
        Video = new VideoStreamInfo { Width = 640, Height = 360, Duration = duration },
    };
}
