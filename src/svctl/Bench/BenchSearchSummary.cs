using System.Globalization;
using Spectre.Console;

namespace ShortVideo.Cli.Bench;

/// <summary>The human-readable form of a <see cref="BenchSearchReport"/>.</summary>
internal static class BenchSearchSummary
{
    public static void Write(BenchSearchReport report, TextWriter output)
    {
        var console = BenchConsole.Create(output);
        var table = new Table().Caption(Markup.Escape(string.Create(
            CultureInfo.InvariantCulture,
            $"{report.Captions} captions, {report.Users} users, {report.Vocabulary} words; {report.Threads} threads x {report.Seconds} s; load average {report.LoadAverage?.ToString("0.##", CultureInfo.InvariantCulture) ?? "unknown"}")));
        table.AddColumn("figure");
        table.AddColumn(new TableColumn("value").RightAligned());
        table.AddRow("index build s", Number(report.BuildSeconds));
        table.AddRow("database MB", Number(report.DatabaseBytes / 1e6));
        table.AddRow("queries/s (mixed)", Number(report.QueriesPerSecond));
        table.AddRow("p50 ms", Number(report.P50Ms));
        table.AddRow("p99 ms (target <= 20)", Number(report.P99Ms));
        table.AddRow("p999 ms", Number(report.P999Ms));
        table.AddRow("mean results", Number(report.MeanResults));
        foreach (var (kind, p99) in report.P99MsByKind)
        {
            table.AddRow($"p99 ms, {kind}", Number(p99));
        }

        table.AddRow("baseline queries/s (one exact word)", Number(report.BaselineQueriesPerSecond));
        table.AddRow("baseline p50 ms", Number(report.BaselineP50Ms));
        table.AddRow("baseline p99 ms", Number(report.BaselineP99Ms));
        table.AddRow("p99 / baseline p99", Number(report.P99Ratio));
        table.AddRow("queries/s / baseline", Number(report.ThroughputRatio));
        console.Write(table);
    }

    private static string Number(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);
}
