using ShortVideo.Media;
using ShortVideo.Media.Ladder;

namespace ShortVideo.Core.Tests.Media.Transcoding;

/// <summary>The poster is a representative frame that is not black, even when the video fades in from black.</summary>
public sealed class PosterTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("sv-poster-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task A_clip_that_opens_on_two_seconds_of_black_gets_a_poster_from_its_picture()
    {
        var input = Path.Combine(_directory, "fade.mp4");
        var made = MediaTools.Run(
            "ffmpeg", "-v", "error", "-y", "-f", "lavfi", "-i",
            "color=black:size=320x180:rate=30:duration=2[a];testsrc2=size=320x180:rate=30:duration=2[b];[a][b]concat[out0]",
            "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", input);
        Assert.True(made.ExitCode == 0, made.Error);
        var source = new TranscodeSource(input, 320, 180, 30, HasAudio: false, TimeSpan.FromSeconds(4));
        var options = new LadderOptions();

        var result = await LandscapeTranscodeFixture.CreateTranscoder(options)
            .TranscodeAsync(source, LadderPlanner.Plan(source, options), Path.Combine(_directory, "out"), CancellationToken.None);

        Assert.True(MeanLuma(result.PosterPath!) > 60, "the poster is black");
    }

    [Fact]
    public async Task A_video_black_throughout_gets_no_poster_instead_of_a_black_one()
    {
        var input = Path.Combine(_directory, "black.mp4");
        var made = MediaTools.Run("ffmpeg", "-v", "error", "-y", "-f", "lavfi", "-i", "color=black:size=320x180:rate=30:duration=2", "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", input);
        Assert.True(made.ExitCode == 0, made.Error);
        var source = new TranscodeSource(input, 320, 180, 30, HasAudio: false, TimeSpan.FromSeconds(2));
        var options = new LadderOptions();

        var result = await LandscapeTranscodeFixture.CreateTranscoder(options)
            .TranscodeAsync(source, LadderPlanner.Plan(source, options), Path.Combine(_directory, "out"), CancellationToken.None);

        Assert.Null(result.PosterPath);
        Assert.NotNull(result.StoryboardPath);
    }

    private static double MeanLuma(string image)
    {
        var stats = MediaTools.Run("ffmpeg", "-v", "info", "-i", image, "-vf", "signalstats,metadata=print:key=lavfi.signalstats.YAVG", "-f", "null", "-");
        var line = stats.Error.Split('\n').Last(l => l.Contains("lavfi.signalstats.YAVG=", StringComparison.Ordinal));
        return double.Parse(line[(line.IndexOf('=', StringComparison.Ordinal) + 1)..], System.Globalization.CultureInfo.InvariantCulture);
    }
}
