namespace ShortVideo.Media.Fingerprints;

/// <summary>
/// Locality-sensitive keys of a fingerprint: each frame hash cut into 4 bands of 16 bits, a key being the band
/// number and its value ((band &lt;&lt; 16) | value). Two hashes a few bits apart almost surely agree on a whole band,
/// so a copy shares keys with its original, while a random 16-bit value is shared by 1 frame in 65,536: an index
/// on the keys finds the candidates without reading every fingerprint.
/// </summary>
internal static class FingerprintBands
{
    public const int BandsPerHash = 4;

    /// <summary>
    /// Keys a video must share with the query to be scored. A single 16-bit value (or its one-bit neighbour) is
    /// shared by chance; with multi-probe keys every copy of the evaluation shares at least 2 with its original
    /// (FingerprintEvaluationTests: index recall 48 of 48).
    /// </summary>
    public const int MinSharedKeys = 2;

    /// <summary>Candidates an index scores at most, those sharing the most keys first.</summary>
    public const int MaxCandidates = 32;
    private const int BandBits = 64 / BandsPerHash;

    /// <summary>The distinct keys of the reference hashes: what the index stores.</summary>
    public static long[] Keys(VideoFingerprint fingerprint)
    {
        var keys = new HashSet<long>();
        Add(keys, fingerprint.Span);
        return Sorted(keys);
    }

    /// <summary>
    /// The distinct keys of every framing, each band also with every one of its bits flipped (multi-probe LSH):
    /// what a lookup searches for. Exact bands alone missed 2 of 48 copies in the evaluation (crops whose
    /// frames differ in 12–18 bits leave few bands whole); one flipped bit finds them, at 17 probes a band.
    /// </summary>
    public static long[] QueryKeys(VideoFingerprint fingerprint)
    {
        var keys = new HashSet<long>();
        foreach (var view in fingerprint.Views())
        {
            Add(keys, view, neighbours: true);
        }

        return Sorted(keys);
    }

    private static void Add(HashSet<long> keys, ReadOnlySpan<ulong> hashes, bool neighbours = false)
    {
        // Flat frames have no keys: their hash says nothing about the picture.
        foreach (var hash in hashes)
        {
            if (hash == VideoFingerprint.FlatFrame)
            {
                continue;
            }

            for (var band = 0; band < BandsPerHash; band++)
            {
                var value = (long)((hash >> (band * BandBits)) & 0xFFFF);
                keys.Add(((long)band << BandBits) | value);
                for (var bit = 0; neighbours && bit < BandBits; bit++)
                {
                    keys.Add(((long)band << BandBits) | (value ^ (1L << bit)));
                }
            }
        }
    }

    private static long[] Sorted(HashSet<long> keys)
    {
        var result = new long[keys.Count];
        keys.CopyTo(result);
        Array.Sort(result);
        return result;
    }
}
