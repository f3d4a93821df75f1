using System.Text.Json;
using ShortVideo.Cli.Bench;
using ShortVideo.Cli.Commands.Bench;
using svctl.Tests.Upload;

namespace svctl.Tests.Bench;

public sealed class BenchPipelineCommandTests
{
    [Theory]
    [InlineData("--width", "1081", "--width must be an even number of pixels between 2 and 4096")]
    [InlineData("--height", "0", "--height must be an even number of pixels between 2 and 4096")]
    [InlineData("--seconds", "-1", "--seconds must be more than 0 and at most 600")]
    [InlineData("--fps", "500", "--fps must be between 1 and 120")]
    public async Task Bad_input_is_one_readable_line_and_exit_code_2(string option, string value, string expected)
    {
        var outcome = await CommandRunner.RunAsync(BenchPipelineCommand.Create(), "pipeline", option, value, "--json");

        Assert.Equal(2, outcome.ExitCode);
        Assert.Empty(outcome.Stdout);
        Assert.Equal($"svctl bench pipeline: {expected}", Assert.Single(outcome.StderrLines));
    }

    [Fact]
    public async Task A_missing_ffmpeg_is_one_readable_line_and_exit_code_1()
    {
        var outcome = await CommandRunner.RunAsync(BenchPipelineCommand.Create(), "pipeline", "--ffmpeg", "/nonexistent/ffmpeg");

        Assert.Equal(1, outcome.ExitCode);
        Assert.Empty(outcome.Stdout);
        Assert.Equal("svctl bench pipeline: /nonexistent/ffmpeg not found: install it with apt-get install ffmpeg", Assert.Single(outcome.StderrLines));
    }

    [Fact]
    public void The_json_report_uses_the_documented_camel_case_names()
    {
        var report = new BenchPipelineReport
        {
            Baseline = "parallel",
            Preset = "veryfast",
            PipelineCpuSeconds = 1,
            NaiveParallelCpuSeconds = 1,
            NaiveSequentialCpuSeconds = 1,
            CpuRatio = 1,
            Stages = new BenchPipelineStages(),
            LoadAverage = 1,
        };

        using var json = JsonDocument.Parse(JsonSerializer.Serialize(report, BenchJsonContext.Default.BenchPipelineReport));

        Assert.Equal(
            ["ratio", "baseline", "pipelineSeconds", "naiveParallelSeconds", "naiveSequentialSeconds", "completingPatchSeconds",
             "pipelineCpuSeconds", "naiveParallelCpuSeconds", "naiveSequentialCpuSeconds", "cpuRatio", "stages",
             "pollIntervalMs", "renditions", "sourceWidth", "sourceHeight", "sourceSeconds", "fps", "sourceBytes", "cores", "loadAverage", "preset"],
            json.RootElement.EnumerateObject().Select(p => p.Name));
        Assert.Equal(
            ["processingSeconds", "probeSeconds", "fingerprintSeconds", "transcodeSeconds", "validationSeconds", "publishingSeconds", "otherSeconds"],
            json.RootElement.GetProperty("stages").EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public void The_stages_are_read_from_the_ready_line_and_any_other_line_gives_none()
    {
        const string line = "      Video abc ready: 4 renditions in 20.500 s (probe 0.100 s, fingerprint 0.002 s, transcode 20.300 s, validation 0.010 s, publishing 0.088 s)";

        var stages = BenchPipelineStages.Parse(line, pipelineSeconds: 21);

        Assert.NotNull(stages);
        Assert.Equal(20.5, stages.ProcessingSeconds);
        Assert.Equal(0.1, stages.ProbeSeconds);
        Assert.Equal(0.002, stages.FingerprintSeconds);
        Assert.Equal(20.3, stages.TranscodeSeconds);
        Assert.Equal(0.01, stages.ValidationSeconds);
        Assert.Equal(0.088, stages.PublishingSeconds);
        Assert.Equal(0.5, stages.OtherSeconds);
        Assert.Null(BenchPipelineStages.Parse("      Video abc ready: 4 renditions in 20.5 s", pipelineSeconds: 21));
    }

    [Fact]
    public async Task A_small_clip_goes_through_a_real_node_every_figure_is_measured_and_no_temp_directory_is_left()
    {
        var before = TempDirectories();

        // 480x854 plans two renditions (480p, 360p), so both naive ladders run more than one process.
        var outcome = await CommandRunner.RunAsync(
            BenchPipelineCommand.Create(), "pipeline", "--width", "480", "--height", "854", "--seconds", "2", "--fps", "30", "--json");

        Assert.True(outcome.ExitCode == 0, outcome.Stderr);
        Assert.Empty(outcome.Stderr);
        using var json = JsonDocument.Parse(Assert.Single(outcome.StdoutLines));
        var root = json.RootElement;
        foreach (var figure in new[]
                 {
                     "ratio", "pipelineSeconds", "naiveParallelSeconds", "naiveSequentialSeconds",
                     "pipelineCpuSeconds", "naiveParallelCpuSeconds", "naiveSequentialCpuSeconds", "cpuRatio",
                 })
        {
            Assert.True(root.GetProperty(figure).GetDouble() > 0, figure);
        }

        var pipeline = root.GetProperty("pipelineSeconds").GetDouble();
        Assert.InRange(root.GetProperty("completingPatchSeconds").GetDouble(), 0, pipeline);
        var parallel = root.GetProperty("naiveParallelSeconds").GetDouble();
        var sequential = root.GetProperty("naiveSequentialSeconds").GetDouble();
        Assert.Equal(pipeline / Math.Min(parallel, sequential), root.GetProperty("ratio").GetDouble(), tolerance: 0.01);
        Assert.Equal(parallel <= sequential ? "parallel" : "sequential", root.GetProperty("baseline").GetString());
        Assert.Equal(2, root.GetProperty("renditions").GetInt32());
        Assert.Equal(480, root.GetProperty("sourceWidth").GetInt32());
        Assert.Equal(854, root.GetProperty("sourceHeight").GetInt32());
        Assert.Equal(2, root.GetProperty("sourceSeconds").GetDouble());
        Assert.Equal(30, root.GetProperty("fps").GetInt32());
        Assert.True(root.GetProperty("sourceBytes").GetInt64() > 0);
        Assert.Equal(Environment.ProcessorCount, root.GetProperty("cores").GetInt32());

        // The node's own account: every stage it timed lies inside what the bench measured from outside.
        var stages = root.GetProperty("stages");
        var processing = stages.GetProperty("processingSeconds").GetDouble();
        Assert.InRange(processing, 0.001, pipeline);
        Assert.True(stages.GetProperty("transcodeSeconds").GetDouble() > 0);
        Assert.True(stages.GetProperty("probeSeconds").GetDouble() > 0);
        var sum = new[] { "probeSeconds", "fingerprintSeconds", "transcodeSeconds", "validationSeconds", "publishingSeconds" }
            .Sum(s => stages.GetProperty(s).GetDouble());
        Assert.Equal(processing, sum, tolerance: 0.01);
        Assert.Equal(pipeline - processing, stages.GetProperty("otherSeconds").GetDouble(), tolerance: 0.01);

        Assert.Subset(before, TempDirectories());
    }

    private static HashSet<string> TempDirectories() =>
        [.. Directory.EnumerateDirectories(Path.GetTempPath(), "svctl-bench-pipeline-*")];
}
