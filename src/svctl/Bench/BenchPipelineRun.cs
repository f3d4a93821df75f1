using Microsoft.Extensions.Options;
using ShortVideo.Media.Ladder;
using ShortVideo.Media.Transcoding;

namespace ShortVideo.Cli.Bench;

/// <summary>
/// One <c>svctl bench pipeline</c>: a generated clip uploaded to a node with the embedded defaults (the same svctl
/// started as <c>up</c>), timed from the completing PATCH to <c>ready</c>, then the naive ladder of the same clip (one
/// ffmpeg process per rendition at the node's settings, all at once, then one after another), all in a temp directory
/// deleted at the end, child processes included, also on Ctrl+C.
/// </summary>
internal static class BenchPipelineRun
{
    // Probe, transcode and publishing of the largest clip the command accepts are hours on two cores.
    private static readonly TimeSpan ReadyTimeout = BenchFfmpeg.Timeout;

    // The ready line is logged right after the catalog update the bench saw; the console logger writes it a moment later.
    private static readonly TimeSpan LogLineTimeout = TimeSpan.FromSeconds(10);

    public static async Task<BenchPipelineReport> RunAsync(BenchTranscodeSettings settings, Action<string> status, CancellationToken cancellationToken)
    {
        var load = LoadAverage.OneMinute();
        var temp = Directory.CreateTempSubdirectory("svctl-bench-pipeline-");
        try
        {
            var source = await SourceClip.GenerateAsync(settings, temp.FullName, status, cancellationToken);

            // Another length, so other bytes: the node must not take the measured clip for the warm-up's.
            var warmUp = Path.Combine(temp.FullName, "warmup.mp4");
            await BenchFfmpeg.RunAsync(settings.Ffmpeg, "generating the warm-up clip", SourceClip.Arguments(settings with { Seconds = 1 }, warmUp), temp.FullName, cancellationToken);

            // The node's embedded defaults: the ladder and x264 settings it plans for this upload.
            var ladderOptions = new LadderOptions();
            var ladder = LadderPlanner.Plan(source, ladderOptions);
            var (pipeline, stages) = await NodeAsync(settings, source.InputPath, warmUp, Path.Combine(temp.FullName, "node"), status, cancellationToken);

            var transcoder = new HlsTranscoder(
                Options.Create(new TranscoderOptions { FfmpegPath = settings.Ffmpeg, Timeout = BenchFfmpeg.Timeout }), Options.Create(ladderOptions), TimeProvider.System);
            status($"naive ladder: {ladder.Count} ffmpeg processes at once");
            var cpuBefore = ProcessCpu.ChildrenOfSelf();
            var parallel = await BenchTranscodeRun.BaselineAsync(transcoder, source, ladder, Path.Combine(temp.FullName, "parallel"), parallel: true, cancellationToken);
            var parallelCpu = ProcessCpu.ChildrenOfSelf() - cpuBefore;
            status($"naive ladder: {ladder.Count} ffmpeg processes, one after another");
            cpuBefore = ProcessCpu.ChildrenOfSelf();
            var sequential = await BenchTranscodeRun.BaselineAsync(transcoder, source, ladder, Path.Combine(temp.FullName, "sequential"), parallel: false, cancellationToken);
            var sequentialCpu = ProcessCpu.ChildrenOfSelf() - cpuBefore;

            var faster = Math.Min(parallel.TotalSeconds, sequential.TotalSeconds);
            return new BenchPipelineReport
            {
                Ratio = Round(pipeline.Seconds / faster),
                Baseline = parallel <= sequential ? "parallel" : "sequential",
                PipelineSeconds = Round(pipeline.Seconds),
                NaiveParallelSeconds = Round(parallel.TotalSeconds),
                NaiveSequentialSeconds = Round(sequential.TotalSeconds),
                CompletingPatchSeconds = Round(pipeline.CompletingPatchSeconds),
                PipelineCpuSeconds = Round(pipeline.CpuSeconds),
                NaiveParallelCpuSeconds = Round(parallelCpu),
                NaiveSequentialCpuSeconds = Round(sequentialCpu),
                CpuRatio = pipeline.CpuSeconds is { } ours && parallelCpu is { } a && sequentialCpu is { } b && Math.Min(a, b) > 0 ? Round(ours / Math.Min(a, b)) : null,
                Stages = stages,
                PollIntervalMs = (int)PipelineUpload.PollInterval.TotalMilliseconds,
                Renditions = ladder.Count,
                SourceWidth = settings.Width,
                SourceHeight = settings.Height,
                SourceSeconds = settings.Seconds,
                Fps = settings.Fps,
                SourceBytes = new FileInfo(source.InputPath).Length,
                Cores = Environment.ProcessorCount,
                LoadAverage = load,
                Preset = ladderOptions.Preset,
            };
        }
        finally
        {
            BenchTempDirectory.TryDelete(temp);
        }
    }

    /// <summary>
    /// A node of every role, warmed up by one short clip taken through the whole pipeline (its JIT, ffmpeg's
    /// libraries in memory), then the measured clip; the node is stopped before the naive ladder runs.
    /// </summary>
    private static async Task<(PipelineTiming Timing, BenchPipelineStages? Stages)> NodeAsync(
        BenchTranscodeSettings settings, string clip, string warmUp, string dataDirectory, Action<string> status, CancellationToken cancellationToken)
    {
        status("starting the svctl node");
        var environment = new Dictionary<string, string> { ["SV_Media__Transcoding__FfmpegPath"] = settings.Ffmpeg };
        await using var node = await NodeUnderTest.StartAsync(dataDirectory, environment, cancellationToken);
        using var http = new HttpClient { Timeout = TimeSpan.FromMinutes(5) };
        status("warming up the node with a 1 s clip");
        double? NodeCpu() => ProcessCpu.Seconds(node.ProcessId);
        await PipelineUpload.RunAsync(http, node.BaseUrl, node.Token, warmUp, NodeCpu, ReadyTimeout, cancellationToken);

        status("uploading the clip and waiting until it is ready");
        var timing = await PipelineUpload.RunAsync(http, node.BaseUrl, node.Token, clip, NodeCpu, ReadyTimeout, cancellationToken);
        BenchPipelineStages? stages = null;
        try
        {
            stages = BenchPipelineStages.Parse(await node.WaitForLogLineAsync($"Video {timing.VideoId} ready:", LogLineTimeout, cancellationToken), timing.Seconds);
        }
        catch (BenchException)
        {
            // A node whose log says nothing of it (another log level, a changed line): the figures stand without stages.
        }

        return (timing, stages);
    }

    private static double Round(double value) => Math.Round(value, 3, MidpointRounding.AwayFromZero);

    private static double? Round(double? value) => value is { } v ? Round(v) : null;
}
