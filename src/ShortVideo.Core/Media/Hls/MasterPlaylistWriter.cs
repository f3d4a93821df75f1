using System.Globalization;
using System.Text;
using ShortVideo.Media.Ladder;

namespace ShortVideo.Media.Hls;

/// <summary>A rendition with its measured bit rates and its media playlist URI relative to the master.</summary>
internal sealed record MasterEntry(Rendition Rendition, BandwidthMeasurement Measured, string Uri);

/// <summary>Writes the master playlist; ffmpeg's own would carry its declared, not measured, bit rates.</summary>
internal static class MasterPlaylistWriter
{
    /// <summary>
    /// Version 7 because the media playlists are fMP4 with EXT-X-MAP (RFC 8216 7: version 6 or more),
    /// variants by ascending BANDWIDTH so the first is a safe start on a slow network.
    /// </summary>
    public static string Write(IEnumerable<MasterEntry> entries)
    {
        var ordered = entries.OrderBy(static e => e.Measured.PeakBandwidth).ThenBy(static e => e.Rendition.Name, StringComparer.Ordinal);
        var text = new StringBuilder();
        text.Append("#EXTM3U\n#EXT-X-VERSION:7\n#EXT-X-INDEPENDENT-SEGMENTS\n");
        foreach (var entry in ordered)
        {
            var r = entry.Rendition;
            text.Append(CultureInfo.InvariantCulture,
                $"#EXT-X-STREAM-INF:BANDWIDTH={entry.Measured.PeakBandwidth},AVERAGE-BANDWIDTH={entry.Measured.AverageBandwidth},")
                .Append(CultureInfo.InvariantCulture, $"CODECS=\"{r.Codecs}\",RESOLUTION={r.Width}x{r.Height},FRAME-RATE={r.FrameRate:0.000}\n")
                .Append(entry.Uri).Append('\n');
        }

        return text.ToString();
    }
}
