using System.Globalization;
using Spectre.Console;

namespace ShortVideo.Cli.Bench;

/// <summary>The human-readable form of a <see cref="BenchFeedReport"/>.</summary>
internal static class BenchFeedSummary
{
    public static void Write(BenchFeedReport report, TextWriter output)
    {
        var console = BenchConsole.Create(output);
        var table = new Table().Caption(Markup.Escape(string.Create(
            CultureInfo.InvariantCulture,
            $"{report.Users} users, {report.Videos} videos; {report.Concurrency} scrolling users x {report.Seconds} s{(report.PostEvents ? "" : " without events")}; load average {report.LoadAverage?.ToString("0.##", CultureInfo.InvariantCulture) ?? "unknown"}")));
        table.AddColumn("figure");
        table.AddColumn(new TableColumn("value").RightAligned());
        table.AddRow("seed s", Number(report.SeedSeconds));
        table.AddRow("node start s", Number(report.StartSeconds));
        table.AddRow("ranking ready s", Number(report.RankingReadySeconds));
        table.AddRow("database MB", Number(report.DatabaseBytes / 1e6));
        table.AddRow("pages/s (target >= 1500)", Number(report.PagesPerSecond));
        table.AddRow("p50 ms", Number(report.P50Ms));
        table.AddRow("p99 ms (target <= 50)", Number(report.P99Ms));
        table.AddRow("p999 ms", Number(report.P999Ms));
        table.AddRow("pages", Number(report.Pages));
        table.AddRow("empty pages", Number(report.EmptyPages));
        table.AddRow("errors", Number(report.Errors));
        table.AddRow("event batches / events", $"{report.EventBatches} / {report.Events}");
        table.AddRow("events POST p50 / p99 ms", $"{report.EventsP50Ms} / {report.EventsP99Ms}");
        table.AddRow("cache hit ratio", Number(report.CacheHitRatio));
        table.AddRow("mean retrieval batch", Number(report.MeanRetrievalBatch));
        table.AddRow("floor GET /api/v1/me requests/s", Number(report.FloorRequestsPerSecond));
        table.AddRow("floor p50 / p99 ms", $"{Number(report.FloorP50Ms)} / {Number(report.FloorP99Ms)}");
        console.Write(table);
    }

    private static string Number(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);
}
