using System.Globalization;
using ShortVideo.Ranking.Evaluation;
using Spectre.Console;

namespace ShortVideo.Cli.Bench;

/// <summary>The human-readable form of a <see cref="QualityReport"/>.</summary>
internal static class BenchRankQualitySummary
{
    public static void Write(QualityReport report, TextWriter output)
    {
        var console = BenchConsole.Create(output);
        var table = new Table().Caption(Markup.Escape(string.Create(
            CultureInfo.InvariantCulture,
            $"seed {report.Seed}: {report.Events} events ({report.Impressions} impressions), {report.Users} users, {report.VideosPublished} videos, dim {report.Dimension}; {report.EvaluatedUsers} users scored, {report.ColdUsers} cold")));
        table.AddColumn("ranking");
        table.AddColumn(new TableColumn("recall@50").RightAligned());
        table.AddColumn(new TableColumn("NDCG@10").RightAligned());
        table.AddRow("online two-tower learner", Number(report.RecallAt50), Number(report.NdcgAt10));
        table.AddRow("popularity (time-decayed)", Number(report.PopularityRecallAt50), Number(report.PopularityNdcgAt10));
        table.AddRow("oracle (true watch ratio)", Number(report.OracleRecallAt50), Number(report.OracleNdcgAt10));
        console.Write(table);
        output.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"learner / popularity recall: {report.RecallRatioToPopularity?.ToString("0.##", CultureInfo.InvariantCulture) ?? "n/a (popularity recalled nothing)"}x (target >= 3); trained at {report.EventsPerSecond:0} events/s; in-batch loss {report.FirstLoss:0.###} -> {report.LastLoss:0.###}"));
    }

    private static string Number(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);
}
