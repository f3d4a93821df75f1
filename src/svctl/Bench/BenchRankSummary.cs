using System.Globalization;
using Spectre.Console;

namespace ShortVideo.Cli.Bench;

/// <summary>The human-readable form of a <see cref="BenchRankReport"/>.</summary>
internal static class BenchRankSummary
{
    public static void Write(BenchRankReport report, TextWriter output)
    {
        var console = BenchConsole.Create(output);
        var table = new Table().Caption(Markup.Escape(string.Create(
            CultureInfo.InvariantCulture,
            $"{report.Items} x {report.Dim} {(report.Fp16 ? "fp16" : "fp32")}, k {report.K}, batch {report.Batch}, {report.Threads} threads; {report.BytesPerItem} bytes per item")));
        table.AddColumn("figure");
        table.AddColumn(new TableColumn("value").RightAligned());
        table.AddRow("retrieval backend", Markup.Escape(report.Backend));
        table.AddRow("queries/s", Number(report.QueriesPerSecond));
        table.AddRow("scanned GB/s", Number(report.ScannedGBps));
        table.AddRow("memory GB/s (streaming read)", Number(report.MemoryGBps));
        table.AddRow("fraction of memory bandwidth (batch 1 target >= 0.7)", Number(report.BandwidthFraction));
        table.AddRow("GFLOP/s", Number(report.Gflops));
        if (report.PeakGflops is { } peak)
        {
            table.AddRow("peak FMA GFLOP/s (measured)", Number(peak));
            table.AddRow("fraction of peak (batch 256 target >= 0.5)", Number(report.PeakFraction ?? 0));
        }

        table.AddRow("naive baseline queries/s", Number(report.BaselineQueriesPerSecond));
        table.AddRow("speedup over the baseline", Number(report.Speedup));
        table.AddRow("agrees with the baseline", report.Verified ? "yes" : "NO");
        table.AddRow("BLAS reference", Markup.Escape(report.BlasReference));
        if (report.BlasQueriesPerSecond is { } blas)
        {
            table.AddRow("BLAS reference queries/s", Number(blas));
            table.AddRow("ratio to BLAS (target >= 1)", Number(report.RatioToBlas ?? 0));
            table.AddRow("agrees with BLAS", report.BlasVerified == true ? "yes" : "NO");
        }
        console.Write(table);
    }

    private static string Number(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);
}
