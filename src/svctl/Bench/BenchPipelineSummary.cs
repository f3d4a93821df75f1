using System.Globalization;
using Spectre.Console;

namespace ShortVideo.Cli.Bench;

/// <summary>The human-readable form of a <see cref="BenchPipelineReport"/>: the timings, then the node's stages.</summary>
internal static class BenchPipelineSummary
{
    public static void Write(BenchPipelineReport report, TextWriter output)
    {
        var console = BenchConsole.Create(output);
        var load = report.LoadAverage is { } l ? string.Create(CultureInfo.InvariantCulture, $"; load {l:0.##}") : string.Empty;
        var timings = new Table().Caption(Markup.Escape(string.Create(
            CultureInfo.InvariantCulture,
            $"{report.SourceWidth}x{report.SourceHeight}, {report.Fps} fps, {report.SourceSeconds:0.###} s source; {report.Renditions} renditions, x264 {report.Preset}; {report.Cores} cores{load}; ratio against the {report.Baseline} naive ladder")));
        timings.AddColumn("figure");
        timings.AddColumn(new TableColumn("value").RightAligned());
        timings.AddRow("upload complete to ready (s)", Number(report.PipelineSeconds));
        timings.AddRow("naive ladder, one process per rendition, parallel (s)", Number(report.NaiveParallelSeconds));
        timings.AddRow("naive ladder, one process per rendition, sequential (s)", Number(report.NaiveSequentialSeconds));
        timings.AddRow("ratio (target <= 1)", Number(report.Ratio));
        timings.AddRow("completing PATCH (s)", Number(report.CompletingPatchSeconds));
        if (report.CpuRatio is { } cpuRatio)
        {
            timings.AddRow("CPU: pipeline / parallel / sequential (s)", $"{Number(report.PipelineCpuSeconds)} / {Number(report.NaiveParallelCpuSeconds)} / {Number(report.NaiveSequentialCpuSeconds)}");
            timings.AddRow("CPU ratio", Number(cpuRatio));
        }

        console.Write(timings);

        if (report.Stages is not { } stages)
        {
            return;
        }

        var table = new Table().Caption(Markup.Escape($"logged by the node; other: PATCH, job queue, {report.PollIntervalMs} ms polling"));
        table.AddColumn("stage");
        table.AddColumn(new TableColumn("seconds").RightAligned());
        table.AddRow("probe", Number(stages.ProbeSeconds));
        table.AddRow("fingerprint", Number(stages.FingerprintSeconds));
        table.AddRow("transcode", Number(stages.TranscodeSeconds));
        table.AddRow("validation", Number(stages.ValidationSeconds));
        table.AddRow("publishing", Number(stages.PublishingSeconds));
        table.AddRow("other", Number(stages.OtherSeconds));
        console.Write(table);
    }

    private static string Number(double? value) => value?.ToString("0.###", CultureInfo.InvariantCulture) ?? "-";
}
