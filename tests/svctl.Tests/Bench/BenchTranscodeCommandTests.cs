using System.Text.Json;
using ShortVideo.Cli.Bench;
using ShortVideo.Cli.Commands.Bench;
using svctl.Tests.Upload;

namespace svctl.Tests.Bench;

public sealed class BenchTranscodeCommandTests
{
    [Theory]
    [InlineData("--width", "0", "--width must be an even number of pixels between 2 and 4096")]
    [InlineData("--width", "4098", "--width must be an even number of pixels between 2 and 4096")]
    [InlineData("--width", "641", "--width must be an even number of pixels between 2 and 4096")]
    [InlineData("--height", "-2", "--height must be an even number of pixels between 2 and 4096")]
    [InlineData("--height", "5000", "--height must be an even number of pixels between 2 and 4096")]
    [InlineData("--seconds", "0", "--seconds must be more than 0 and at most 600")]
    [InlineData("--seconds", "601", "--seconds must be more than 0 and at most 600")]
    [InlineData("--fps", "0", "--fps must be between 1 and 120")]
    [InlineData("--fps", "121", "--fps must be between 1 and 120")]
    public async Task Bad_input_is_one_readable_line_and_exit_code_2(string option, string value, string expected)
    {
        var outcome = await CommandRunner.RunAsync(BenchTranscodeCommand.Create(), "transcode", option, value, "--json");

        Assert.Equal(2, outcome.ExitCode);
        Assert.Empty(outcome.Stdout);
        Assert.Equal($"svctl bench transcode: {expected}", Assert.Single(outcome.StderrLines));
    }

    [Fact]
    public async Task A_missing_ffmpeg_is_one_readable_line_and_exit_code_1()
    {
        var outcome = await CommandRunner.RunAsync(BenchTranscodeCommand.Create(), "transcode", "--ffmpeg", "/nonexistent/ffmpeg", "--json");

        Assert.Equal(1, outcome.ExitCode);
        Assert.Empty(outcome.Stdout);
        Assert.Equal("svctl bench transcode: /nonexistent/ffmpeg not found: install it with apt-get install ffmpeg", Assert.Single(outcome.StderrLines));
    }

    [Fact]
    public void The_json_report_uses_the_documented_camel_case_names()
    {
        var report = new BenchTranscodeReport
        {
            Baseline = "sequential",
            Preset = "veryfast",
            Renditions = [new BenchTranscodeRendition { Name = "720p" }],
        };

        using var json = JsonDocument.Parse(JsonSerializer.Serialize(report, BenchJsonContext.Default.BenchTranscodeReport));

        Assert.Equal(
            ["wallRatio", "baseline", "oneDecodeSeconds", "baselineSequentialSeconds", "baselineParallelSeconds", "realtimeFactor",
             "sourceWidth", "sourceHeight", "sourceSeconds", "fps", "cores", "preset", "renditions"],
            json.RootElement.EnumerateObject().Select(p => p.Name));
        Assert.Equal(
            ["name", "width", "height", "videoBitrate", "maxBitrate", "audioBitrate", "averageBandwidth", "peakBandwidth", "ssim"],
            json.RootElement.GetProperty("renditions")[0].EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public void Ssim_is_the_mean_of_the_per_frame_all_values_of_the_stats_file()
    {
        const string stats = "n:1 Y:0.990000 U:0.980000 V:0.970000 All:0.985000 (18.239)\nn:2 Y:0.970000 U:0.960000 V:0.950000 All:0.965000 (14.559)\n";

        Assert.Equal(0.975, SsimMeasurement.Parse(stats)!.Value, 6);
        Assert.Null(SsimMeasurement.Parse(string.Empty));
    }

    [Fact]
    public async Task A_small_clip_reports_every_figure_with_sane_values_and_leaves_no_temp_directory()
    {
        var before = TempDirectories();

        // 854x480 plans two renditions (480p, 360p), so both baselines run more than one process.
        var outcome = await CommandRunner.RunAsync(
            BenchTranscodeCommand.Create(), "transcode", "--width", "854", "--height", "480", "--seconds", "2", "--fps", "30", "--json");

        Assert.True(outcome.ExitCode == 0, outcome.Stderr);
        Assert.Empty(outcome.Stderr);
        using var json = JsonDocument.Parse(Assert.Single(outcome.StdoutLines));
        var root = json.RootElement;
        foreach (var figure in new[] { "wallRatio", "oneDecodeSeconds", "baselineSequentialSeconds", "baselineParallelSeconds", "realtimeFactor" })
        {
            Assert.True(root.GetProperty(figure).GetDouble() > 0, figure);
        }

        Assert.Contains(root.GetProperty("baseline").GetString(), new[] { "sequential", "parallel" });
        var faster = Math.Min(root.GetProperty("baselineSequentialSeconds").GetDouble(), root.GetProperty("baselineParallelSeconds").GetDouble());
        Assert.Equal(root.GetProperty("oneDecodeSeconds").GetDouble() / faster, root.GetProperty("wallRatio").GetDouble(), 1);
        Assert.Equal(854, root.GetProperty("sourceWidth").GetInt32());
        Assert.Equal(480, root.GetProperty("sourceHeight").GetInt32());
        Assert.Equal(2, root.GetProperty("sourceSeconds").GetDouble());
        Assert.Equal(30, root.GetProperty("fps").GetInt32());
        Assert.Equal(Environment.ProcessorCount, root.GetProperty("cores").GetInt32());
        var renditions = root.GetProperty("renditions").EnumerateArray().ToList();
        Assert.Equal(["480p", "360p"], renditions.Select(r => r.GetProperty("name").GetString()));
        foreach (var rendition in renditions)
        {
            var ssim = rendition.GetProperty("ssim").GetDouble();
            Assert.InRange(ssim, 0.8, 1.0);
            Assert.True(rendition.GetProperty("averageBandwidth").GetInt64() > 0);
            Assert.True(rendition.GetProperty("peakBandwidth").GetInt64() > 0);
            Assert.True(rendition.GetProperty("videoBitrate").GetInt32() > 0);
        }

        Assert.Subset(before, TempDirectories());
    }

    private static HashSet<string> TempDirectories() =>
        [.. Directory.EnumerateDirectories(Path.GetTempPath(), "svctl-bench-transcode-*")];
}
