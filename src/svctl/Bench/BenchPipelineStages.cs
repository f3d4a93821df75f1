using System.Globalization;
using System.Text.RegularExpressions;

namespace ShortVideo.Cli.Bench;

/// <summary>
/// Where the node's time went for the measured video, as its media worker logs it when the video is ready
/// ("Video {id} ready: N renditions in T s (probe …, fingerprint …, transcode …, validation …, publishing …)",
/// MediaProcessor's ready line). Seconds, wall clock, measured inside the node.
/// </summary>
internal sealed partial record BenchPipelineStages
{
    /// <summary>From the job's start to the catalog saying ready: the sum of the stages below.</summary>
    public double ProcessingSeconds { get; init; }

    /// <summary>Reading the source (a copy where the blob store has no local file) and ffprobe.</summary>
    public double ProbeSeconds { get; init; }

    /// <summary>Fingerprinting and the near-duplicate lookup, where they run apart from the transcode.</summary>
    public double FingerprintSeconds { get; init; }

    /// <summary>The one-decode ffmpeg run (and a decode check when it fails) and the master playlist.</summary>
    public double TranscodeSeconds { get; init; }

    public double ValidationSeconds { get; init; }

    /// <summary>Publishing the media version, indexing the fingerprint and saving the ready record.</summary>
    public double PublishingSeconds { get; init; }

    /// <summary>
    /// The rest of the measured time: the completing PATCH, the job queue, the video record's first update, and up
    /// to one poll interval before the bench saw <c>ready</c>.
    /// </summary>
    public double OtherSeconds { get; init; }

    /// <summary>The stages from the node's log line; null when the line is not in the expected form.</summary>
    public static BenchPipelineStages? Parse(string logLine, double pipelineSeconds)
    {
        var match = ReadyLine().Match(logLine);
        if (!match.Success)
        {
            return null;
        }

        var processing = Seconds(match, "total");
        return new BenchPipelineStages
        {
            ProcessingSeconds = processing,
            ProbeSeconds = Seconds(match, "probe"),
            FingerprintSeconds = Seconds(match, "fingerprint"),
            TranscodeSeconds = Seconds(match, "transcode"),
            ValidationSeconds = Seconds(match, "validation"),
            PublishingSeconds = Seconds(match, "publishing"),
            OtherSeconds = Math.Round(Math.Max(0, pipelineSeconds - processing), 3, MidpointRounding.AwayFromZero),
        };
    }

    private static double Seconds(Match match, string group) => double.Parse(match.Groups[group].ValueSpan, NumberStyles.Float, CultureInfo.InvariantCulture);

    [GeneratedRegex(
        @"ready: \d+ renditions in (?<total>[0-9.]+) s \(probe (?<probe>[0-9.]+) s, fingerprint (?<fingerprint>[0-9.]+) s, transcode (?<transcode>[0-9.]+) s, validation (?<validation>[0-9.]+) s, publishing (?<publishing>[0-9.]+) s\)",
        RegexOptions.CultureInvariant)]
    private static partial Regex ReadyLine();
}
