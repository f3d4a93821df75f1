using System.Globalization;
using Spectre.Console;

namespace ShortVideo.Cli.Bench;

/// <summary>The human-readable form of a <see cref="BenchTranscodeReport"/>: the timings, then one row per rendition.</summary>
internal static class BenchTranscodeSummary
{
    public static void Write(BenchTranscodeReport report, TextWriter output)
    {
        var console = BenchConsole.Create(output);
        var timings = new Table().Caption(Markup.Escape(string.Create(
            CultureInfo.InvariantCulture,
            $"{report.SourceWidth}x{report.SourceHeight}, {report.Fps} fps, {report.SourceSeconds:0.###} s source; x264 {report.Preset}; {report.Cores} cores; ratio against the {report.Baseline} baseline")));
        timings.AddColumn("figure");
        timings.AddColumn(new TableColumn("value").RightAligned());
        timings.AddRow("one-decode transcode (s)", Number(report.OneDecodeSeconds));
        timings.AddRow("one process per rendition, sequential (s)", Number(report.BaselineSequentialSeconds));
        timings.AddRow("one process per rendition, parallel (s)", Number(report.BaselineParallelSeconds));
        timings.AddRow("wall ratio (target <= 0.75)", Number(report.WallRatio));
        timings.AddRow("real-time factor", Number(report.RealtimeFactor));
        console.Write(timings);

        var renditions = new Table().Caption("bit rates in kbit/s; SSIM against the source scaled to the same size");
        renditions.AddColumn("rendition");
        foreach (var heading in new[] { "size", "target", "max", "measured avg", "measured peak", "SSIM" })
        {
            renditions.AddColumn(new TableColumn(heading).RightAligned());
        }

        foreach (var r in report.Renditions)
        {
            renditions.AddRow(
                Markup.Escape(r.Name),
                string.Create(CultureInfo.InvariantCulture, $"{r.Width}x{r.Height}"),
                Kilobits(r.VideoBitrate),
                Kilobits(r.MaxBitrate),
                Kilobits(r.AverageBandwidth),
                Kilobits(r.PeakBandwidth),
                r.Ssim.ToString("0.0000", CultureInfo.InvariantCulture));
        }

        console.Write(renditions);
    }

    private static string Number(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);

    private static string Kilobits(long bitsPerSecond) => (bitsPerSecond / 1000).ToString(CultureInfo.InvariantCulture);
}
