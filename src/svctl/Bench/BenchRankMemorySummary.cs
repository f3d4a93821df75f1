using System.Globalization;
using ShortVideo.Ranking.Evaluation;

namespace ShortVideo.Cli.Bench;

/// <summary>The human-readable form of a <see cref="MemoryReport"/>.</summary>
internal static class BenchRankMemorySummary
{
    public static void Write(MemoryReport report, TextWriter output) => output.WriteLine(string.Create(
        CultureInfo.InvariantCulture,
        $"""
        {report.Videos} videos, {report.Users} users, dim {report.Dimension} {(report.Fp16 ? "fp16" : "fp32")}, history {report.HistoryLength}
        per video: {report.BytesPerVideo:0} bytes ({report.RetrievalBytesPerVideo:0} of them retrieval rows) = {report.GibPerMillionVideos:0.###} GiB per million videos
        per user:  {report.BytesPerUser:0} bytes = {report.GibPerMillionUsers:0.###} GiB per million users
        """));
}
