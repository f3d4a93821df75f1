using System.Globalization;
using ShortVideo.Cli.Upload;
using Spectre.Console;

namespace ShortVideo.Cli.Bench;

/// <summary>The human-readable form of a <see cref="BenchUploadReport"/>: one table, ours beside the peer.</summary>
internal static class BenchUploadSummary
{
    public static void Write(BenchUploadReport report, TextWriter output)
    {
        var console = BenchConsole.Create(output);
        var hasPeer = report.PeerThroughputMBps is not null;
        var table = new Table().Caption(Markup.Escape(string.Create(
            CultureInfo.InvariantCulture,
            $"{report.Parallel} x {report.SizeMiB} MiB in {ByteSize.Format(report.ChunkSizeBytes)} chunks, checksums {(report.Checksums ? "on" : "off")}; MB = 10^6 bytes")));
        table.AddColumn("figure");
        table.AddColumn(new TableColumn(Markup.Escape(report.Target)).RightAligned());
        if (hasPeer)
        {
            table.AddColumn(new TableColumn("tus-node peer").RightAligned());
        }

        Row(table, hasPeer, "throughput (MB/s)", report.ThroughputMBps, report.PeerThroughputMBps);
        Row(table, hasPeer, "PATCH p50 (ms)", report.PatchP50Ms, report.PeerPatchP50Ms);
        Row(table, hasPeer, "PATCH p99 (ms)", report.PatchP99Ms, report.PeerPatchP99Ms);
        Row(table, hasPeer, "disk write + fsync (MB/s)", report.DiskWriteMBps, report.DiskWriteMBps);
        if (report.RatioToDisk is { } toDisk)
        {
            Row(table, hasPeer, "ratio to disk", toDisk, null);
        }

        if (report.RatioToPeer is { } toPeer)
        {
            Row(table, hasPeer, "ratio to peer", toPeer, null);
        }

        if (report.HashesVerified is { } verified)
        {
            Row(table, hasPeer, "SHA-256 verified (uploads)", verified, null);
        }

        console.Write(table);
    }

    private static void Row(Table table, bool hasPeer, string figure, double ours, double? peer)
    {
        var oursText = ours.ToString("0.##", CultureInfo.InvariantCulture);
        if (hasPeer)
        {
            table.AddRow(figure, oursText, peer?.ToString("0.##", CultureInfo.InvariantCulture) ?? string.Empty);
        }
        else
        {
            table.AddRow(figure, oursText);
        }
    }
}
