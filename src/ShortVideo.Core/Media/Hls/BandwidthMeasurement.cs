namespace ShortVideo.Media.Hls;

/// <summary>Bit rates of a media playlist measured from its files, the way the HLS specification defines them.</summary>
/// <param name="AverageBandwidth">All segment bits plus the initialization section, over the total duration (bits per second).</param>
/// <param name="PeakBandwidth">The highest segment bit rate: a segment's bits over its EXTINF duration (bits per second).</param>
/// <param name="SegmentCount">Number of media segments.</param>
/// <param name="Duration">Sum of the EXTINF durations, in seconds.</param>
public readonly record struct BandwidthMeasurement(long AverageBandwidth, long PeakBandwidth, int SegmentCount, double Duration)
{
    /// <summary>
    /// Measures a playlist. RFC 8216 4.3.4.2: BANDWIDTH is the peak segment bit rate, AVERAGE-BANDWIDTH
    /// the average over the whole presentation, here with the initialization section counted in both. Missing files count as empty: the validator reports them.
    /// </summary>
    /// <param name="playlist">The parsed media playlist.</param>
    /// <param name="lengthOf">Size in bytes of a file named by a URI relative to the playlist; null when missing.</param>
    internal static BandwidthMeasurement Measure(MediaPlaylist playlist, Func<string, long?> lengthOf)
    {
        var initBytes = playlist.MapUri is { } map ? lengthOf(map) ?? 0 : 0;
        var totalBytes = initBytes;
        var peak = 0.0;
        for (var i = 0; i < playlist.Segments.Count; i++)
        {
            var segment = playlist.Segments[i];
            var bytes = lengthOf(segment.Uri) ?? 0;
            totalBytes += bytes;

            // A player starting the rendition fetches the initialization section with the first segment, in
            // that segment's time; counting it there also keeps the average (which includes it) <= the peak.
            if (i == 0)
            {
                bytes += initBytes;
            }

            if (segment.Duration > 0)
            {
                peak = Math.Max(peak, bytes * 8 / segment.Duration);
            }
        }

        var duration = playlist.TotalDuration;
        var average = duration > 0 ? totalBytes * 8 / duration : 0;
        return new BandwidthMeasurement((long)Math.Ceiling(average), (long)Math.Ceiling(peak), playlist.Segments.Count, duration);
    }
}
