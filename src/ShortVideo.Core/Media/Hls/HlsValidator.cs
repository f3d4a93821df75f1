using System.Globalization;

namespace ShortVideo.Media.Hls;

/// <summary>
/// Checks a VOD fMP4 HLS package against the rules our players and the Apple HLS Authoring Specification
/// depend on. Each violation is a sentence naming the playlist at fault; an empty list means it passes.
/// </summary>
public static partial class HlsValidator
{
    /// <summary>A declared BANDWIDTH may fall short of the measured peak by this much (the Apple HLS Authoring Specification: measured peak within 10% of BANDWIDTH).</summary>
    internal const double PeakTolerance = 0.10;

    /// <summary>A segment other than the last may differ from the target duration by this many seconds.</summary>
    internal const double SegmentDurationTolerance = 2.0;

    private static readonly string[] RequiredAttributes = ["BANDWIDTH", "AVERAGE-BANDWIDTH", "CODECS", "RESOLUTION", "FRAME-RATE"];

    /// <summary>Validates a package on disk, from its master playlist.</summary>
    public static IReadOnlyList<string> Validate(string masterPath)
    {
        if (!File.Exists(masterPath))
        {
            return [$"The master playlist {masterPath} does not exist."];
        }

        var directory = Path.GetDirectoryName(Path.GetFullPath(masterPath))!;
        return Validate(
            File.ReadAllText(masterPath),
            uri => File.Exists(Path.Combine(directory, uri)) ? File.ReadAllText(Path.Combine(directory, uri)) : null,
            uri => File.Exists(Path.Combine(directory, uri)) ? new FileInfo(Path.Combine(directory, uri)).Length : null);
    }

    /// <summary>Validates a package through resolvers, so tests can hand-craft one.</summary>
    /// <param name="masterText">The master playlist.</param>
    /// <param name="readText">Text of a playlist named by a URI relative to the master; null when missing.</param>
    /// <param name="lengthOf">Size in bytes of a file named by a URI relative to the master; null when missing.</param>
    internal static IReadOnlyList<string> Validate(string masterText, Func<string, string?> readText, Func<string, long?> lengthOf)
    {
        var violations = new List<string>();
        var master = MasterPlaylist.Parse(masterText);
        if (!master.HasHeader)
        {
            violations.Add("The master playlist does not start with #EXTM3U.");
        }

        if (!master.IndependentSegments)
        {
            violations.Add("The master playlist lacks #EXT-X-INDEPENDENT-SEGMENTS.");
        }

        if (master.Variants.Count == 0)
        {
            violations.Add("The master playlist has no #EXT-X-STREAM-INF variant.");
        }

        var segmentCounts = new List<(string Uri, int Count)>();
        foreach (var variant in master.Variants)
        {
            CheckAttributes(variant, violations);
            var text = readText(variant.Uri);
            if (text is null)
            {
                violations.Add($"The media playlist {variant.Uri} does not exist.");
                continue;
            }

            var media = MediaPlaylist.Parse(text);
            var baseUri = BaseOf(variant.Uri);
            CheckMedia(variant.Uri, media, uri => lengthOf(baseUri + uri), violations);
            CheckPeak(variant, media, uri => lengthOf(baseUri + uri), violations);
            segmentCounts.Add((variant.Uri, media.Segments.Count));
        }

        for (var i = 1; i < segmentCounts.Count; i++)
        {
            if (segmentCounts[i].Count != segmentCounts[0].Count)
            {
                violations.Add($"{segmentCounts[i].Uri} has {segmentCounts[i].Count} segments but {segmentCounts[0].Uri} has {segmentCounts[0].Count}: the renditions are not keyframe-aligned.");
            }
        }

        return violations;
    }

    private static void CheckAttributes(VariantStream variant, List<string> violations)
    {
        foreach (var name in RequiredAttributes)
        {
            if (!variant.Attributes.ContainsKey(name))
            {
                violations.Add($"The EXT-X-STREAM-INF of {variant.Uri} lacks {name}.");
            }
        }

        if (Long(variant, "AVERAGE-BANDWIDTH") is { } average && Long(variant, "BANDWIDTH") is { } peak && average > peak)
        {
            violations.Add($"The AVERAGE-BANDWIDTH of {variant.Uri} ({average}) exceeds its BANDWIDTH ({peak}).");
        }
    }

    private static void CheckPeak(VariantStream variant, MediaPlaylist media, Func<string, long?> lengthOf, List<string> violations)
    {
        if (Long(variant, "BANDWIDTH") is not { } declared)
        {
            return;
        }

        var measured = BandwidthMeasurement.Measure(media, lengthOf).PeakBandwidth;
        if (measured > declared * (1 + PeakTolerance))
        {
            violations.Add($"The BANDWIDTH of {variant.Uri} ({declared}) is more than 10% below its measured peak segment bit rate ({measured}).");
        }
    }

    private static long? Long(VariantStream variant, string name) =>
        variant.Attributes.TryGetValue(name, out var text) && long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value)
            ? value
            : null;

    private static string BaseOf(string uri)
    {
        var slash = uri.LastIndexOf('/');
        return slash < 0 ? string.Empty : uri[..(slash + 1)];
    }
}
