using System.Diagnostics;
using Microsoft.Extensions.Options;
using ShortVideo.Media;
using ShortVideo.Media.Hls;
using ShortVideo.Media.Ladder;
using ShortVideo.Media.Transcoding;

namespace ShortVideo.Cli.Bench;

/// <summary>
/// One <c>svctl bench transcode</c>: a synthetic source, our one-decode ladder, and the same ladder as one
/// ffmpeg process per rendition (one after another, then all at once), in a temp directory deleted at the
/// end, also on Ctrl+C (every ffmpeg is killed first).
/// </summary>
internal static class BenchTranscodeRun
{
    public static async Task<BenchTranscodeReport> RunAsync(BenchTranscodeSettings settings, Action<string> status, CancellationToken cancellationToken)
    {
        var temp = Directory.CreateTempSubdirectory("svctl-bench-transcode-");
        try
        {
            var source = await SourceClip.GenerateAsync(settings, temp.FullName, status, cancellationToken);

            // The platform's defaults: the ladder and x264 settings a node would use for this upload.
            var ladderOptions = new LadderOptions();
            var ladder = LadderPlanner.Plan(source, ladderOptions);
            var transcoder = new HlsTranscoder(
                Options.Create(new TranscoderOptions { FfmpegPath = settings.Ffmpeg, Timeout = BenchFfmpeg.Timeout }), Options.Create(ladderOptions), TimeProvider.System);

            status("warming up ffmpeg");
            await WarmUpAsync(settings, transcoder, source, ladder, Path.Combine(temp.FullName, "warmup"), cancellationToken);

            status($"one-decode transcode of {ladder.Count} renditions");
            var ours = await Measured("the one-decode transcode", () => transcoder.TranscodeAsync(source, ladder, Path.Combine(temp.FullName, "one-decode"), cancellationToken));
            var violations = HlsValidator.Validate(ours.MasterPlaylistPath);
            if (violations.Count > 0)
            {
                throw new BenchException($"the one-decode output fails HLS validation: {string.Join(" ", violations)}");
            }

            status($"baseline: {ladder.Count} ffmpeg processes, one after another");
            var sequential = await BaselineAsync(transcoder, source, ladder, Path.Combine(temp.FullName, "sequential"), parallel: false, cancellationToken);
            status($"baseline: {ladder.Count} ffmpeg processes at once");
            var parallel = await BaselineAsync(transcoder, source, ladder, Path.Combine(temp.FullName, "parallel"), parallel: true, cancellationToken);

            var renditions = new List<BenchTranscodeRendition>(ours.Renditions.Count);
            foreach (var output in ours.Renditions)
            {
                status($"SSIM of {output.Rendition.Name} against the source");
                var ssim = await SsimAsync(settings, source, output, temp.FullName, cancellationToken);
                renditions.Add(Describe(output, ssim));
            }

            return Report(settings, ours.WallTime, sequential, parallel, ladderOptions, renditions);
        }
        finally
        {
            // Every ffmpeg has been killed by now (Ctrl+C included).
            BenchTempDirectory.TryDelete(temp);
        }
    }

    // The smallest rendition of a one-second clip of the same size: loads ffmpeg, its libraries and x264 into
    // memory so the first timed run does not pay for a cold start the others skip.
    private static async Task WarmUpAsync(
        BenchTranscodeSettings settings, HlsTranscoder transcoder, TranscodeSource source, IReadOnlyList<Rendition> ladder, string directory, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(directory);
        var clip = source with { InputPath = Path.Combine(directory, SourceClip.FileName), Duration = TimeSpan.FromSeconds(1) };
        await BenchFfmpeg.RunAsync(settings.Ffmpeg, "warming up", SourceClip.Arguments(settings with { Seconds = 1 }, clip.InputPath), directory, cancellationToken);
        await transcoder.TranscodeRenditionAsync(clip, ladder, ladder.Count - 1, directory, cancellationToken);
    }

    /// <summary>
    /// Wall time of the ladder made by one ffmpeg process per rendition (<see cref="HlsTranscoder.TranscodeRenditionAsync"/>):
    /// each decodes the source itself. No poster, so the baseline does less work than we do, never more.
    /// <c>svctl bench pipeline</c> measures a node against the same baseline.
    /// </summary>
    internal static async Task<TimeSpan> BaselineAsync(
        HlsTranscoder transcoder, TranscodeSource source, IReadOnlyList<Rendition> ladder, string directory, bool parallel, CancellationToken cancellationToken)
    {
        var what = parallel ? "the parallel baseline" : "the sequential baseline";
        return await Measured(what, async () =>
        {
            var clock = Stopwatch.StartNew();
            if (parallel)
            {
                // One failure stops the rest at once instead of leaving them to finish for nothing.
                using var failed = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                var tasks = new List<Task>(ladder.Count);
                for (var i = 0; i < ladder.Count; i++)
                {
                    tasks.Add(RunOrCancelAllAsync(transcoder, source, ladder, i, directory, failed));
                }

                await Task.WhenAll(tasks);
            }
            else
            {
                for (var i = 0; i < ladder.Count; i++)
                {
                    await transcoder.TranscodeRenditionAsync(source, ladder, i, directory, cancellationToken);
                }
            }

            return clock.Elapsed;
        });
    }

    private static async Task RunOrCancelAllAsync(
        HlsTranscoder transcoder, TranscodeSource source, IReadOnlyList<Rendition> ladder, int index, string directory, CancellationTokenSource failed)
    {
        try
        {
            await transcoder.TranscodeRenditionAsync(source, ladder, index, directory, failed.Token);
        }
        catch (TranscodeException)
        {
            await failed.CancelAsync();
            throw;
        }
    }

    private static async Task<T> Measured<T>(string what, Func<Task<T>> run)
    {
        try
        {
            return await run();
        }
        catch (TranscodeException ex)
        {
            // ffmpeg's stderr tail comes as lines; the bench reports one.
            throw new BenchException($"{what} failed: {ex.Message.ReplaceLineEndings(" | ")}", ex);
        }
    }

    private static async Task<double> SsimAsync(BenchTranscodeSettings settings, TranscodeSource source, RenditionOutput output, string directory, CancellationToken cancellationToken)
    {
        var statsFile = $"ssim-{output.Rendition.Name}.log";
        var arguments = SsimMeasurement.Arguments(source, output.Rendition, output.PlaylistPath, statsFile);
        await BenchFfmpeg.RunAsync(settings.Ffmpeg, $"measuring the SSIM of {output.Rendition.Name}", arguments, directory, cancellationToken);
        return SsimMeasurement.Parse(await File.ReadAllTextAsync(Path.Combine(directory, statsFile), cancellationToken))
            ?? throw new BenchException($"ffmpeg compared no frame of {output.Rendition.Name} with the source");
    }

    private static BenchTranscodeRendition Describe(RenditionOutput output, double ssim) => new()
    {
        Name = output.Rendition.Name,
        Width = output.Rendition.Width,
        Height = output.Rendition.Height,
        VideoBitrate = output.Rendition.VideoBitrate,
        MaxBitrate = output.Rendition.MaxBitrate,
        AudioBitrate = output.Rendition.AudioBitrate,
        AverageBandwidth = output.Measured.AverageBandwidth,
        PeakBandwidth = output.Measured.PeakBandwidth,
        Ssim = Math.Round(ssim, 4, MidpointRounding.AwayFromZero),
    };

    private static BenchTranscodeReport Report(
        BenchTranscodeSettings settings, TimeSpan ours, TimeSpan sequential, TimeSpan parallel, LadderOptions options, IReadOnlyList<BenchTranscodeRendition> renditions)
    {
        // Against the faster baseline, whichever it is on this machine, so the ratio never flatters us.
        var baseline = parallel < sequential ? parallel : sequential;
        return new BenchTranscodeReport
        {
            WallRatio = Round(ours / baseline),
            Baseline = parallel < sequential ? "parallel" : "sequential",
            OneDecodeSeconds = Round(ours.TotalSeconds),
            BaselineSequentialSeconds = Round(sequential.TotalSeconds),
            BaselineParallelSeconds = Round(parallel.TotalSeconds),
            RealtimeFactor = Round(settings.Seconds / ours.TotalSeconds),
            SourceWidth = settings.Width,
            SourceHeight = settings.Height,
            SourceSeconds = settings.Seconds,
            Fps = settings.Fps,
            Cores = Environment.ProcessorCount,
            Preset = options.Preset,
            Renditions = renditions,
        };
    }

    private static double Round(double value) => Math.Round(value, 3, MidpointRounding.AwayFromZero);
}
