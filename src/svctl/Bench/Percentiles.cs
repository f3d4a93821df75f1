namespace ShortVideo.Cli.Bench;

internal static class Percentiles
{
    /// <summary>Nearest-rank percentile of <paramref name="sorted"/> (ascending); 0 when empty.</summary>
    public static double NearestRank(ReadOnlySpan<double> sorted, double percentile)
    {
        if (sorted.IsEmpty)
        {
            return 0;
        }

        var rank = (int)Math.Ceiling(percentile / 100 * sorted.Length);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)];
    }
}
