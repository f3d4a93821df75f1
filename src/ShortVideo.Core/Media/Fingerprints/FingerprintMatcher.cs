using System.Numerics;

namespace ShortVideo.Media.Fingerprints;

/// <summary>
/// Scores two fingerprints exactly: slide one against the other (the copy may start a little later or earlier),
/// and at each offset count the frames whose hashes differ in at most <see cref="MaxFrameDistance"/> bits.
/// Similarity is the best count over the frames of the shorter video.
/// </summary>
internal static class FingerprintMatcher
{
    /// <summary>
    /// Bits two hashes of the same frame may differ in. Measured on the evaluation set
    /// (FingerprintEvaluationTests): same frame after re-encode/resize/re-mux/crop is mostly 0–8 bits apart;
    /// frames of different clips sit near 32 (random), rarely below 16.
    /// </summary>
    public const int MaxFrameDistance = 16;

    /// <summary>Similarity from which two videos count as near-duplicates (see FingerprintEvaluationTests).</summary>
    public const double NearDuplicateSimilarity = 0.6;

    /// <summary>Largest time offset tried, in sampled frames (10 s at 2 frames a second).</summary>
    public const int MaxOffset = 10 * VideoFingerprint.FramesPerSecond;

    /// <summary>
    /// The candidate most similar to <paramref name="query"/> when it is a near-duplicate, else null; ties go to the
    /// smaller id, so the answer does not depend on the order a store returns its rows in.
    /// </summary>
    public static NearDuplicateMatch? BestNearDuplicate(VideoFingerprint query, IEnumerable<(string VideoId, byte[] Frames)> candidates)
    {
        NearDuplicateMatch? best = null;
        foreach (var (id, frames) in candidates)
        {
            var similarity = Similarity(query, VideoFingerprint.FromBytes(frames).Span);
            if (similarity >= NearDuplicateSimilarity
                && (best is null || similarity > best.Similarity || (similarity == best.Similarity && string.CompareOrdinal(id, best.VideoId) < 0)))
            {
                best = new NearDuplicateMatch(id, similarity);
            }
        }

        return best;
    }

    /// <summary>Best similarity of any framing of <paramref name="query"/> to an indexed fingerprint, 0 to 1.</summary>
    public static double Similarity(VideoFingerprint query, ReadOnlySpan<ulong> indexed)
    {
        var best = 0.0;
        foreach (var view in query.Views())
        {
            best = Math.Max(best, Similarity(view, indexed));
        }

        return best;
    }

    /// <summary>Best similarity over the offsets, 0 to 1.</summary>
    public static double Similarity(ReadOnlySpan<ulong> a, ReadOnlySpan<ulong> b)
    {
        var shorter = Math.Min(Detailed(a), Detailed(b));
        if (shorter == 0)
        {
            return 0;
        }

        var best = 0;
        for (var offset = -Math.Min(MaxOffset, b.Length - 1); offset <= Math.Min(MaxOffset, a.Length - 1); offset++)
        {
            // offset > 0: frame i of a lines up with frame i - offset of b.
            var matched = 0;
            var from = Math.Max(0, offset);
            var to = Math.Min(a.Length, b.Length + offset);
            for (var i = from; i < to; i++)
            {
                var x = a[i];
                var y = b[i - offset];
                if (x != VideoFingerprint.FlatFrame && y != VideoFingerprint.FlatFrame && BitOperations.PopCount(x ^ y) <= MaxFrameDistance)
                {
                    matched++;
                }
            }

            best = Math.Max(best, matched);
        }

        return Math.Min(1.0, (double)best / shorter);
    }

    private static int Detailed(ReadOnlySpan<ulong> hashes)
    {
        var count = 0;
        foreach (var hash in hashes)
        {
            if (hash != VideoFingerprint.FlatFrame)
            {
                count++;
            }
        }

        return count;
    }
}
