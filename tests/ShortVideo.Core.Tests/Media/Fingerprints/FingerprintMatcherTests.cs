using ShortVideo.Media.Fingerprints;

namespace ShortVideo.Core.Tests.Media.Fingerprints;

public sealed class FingerprintMatcherTests
{
    private static readonly ulong[] Clip = [.. Enumerable.Range(1, 12).Select(i => (ulong)new Random(i).NextInt64() | 1)];

    [Fact]
    public void A_copy_that_starts_two_seconds_later_still_matches_at_its_offset()
    {
        var later = Clip.Skip(4).ToArray();

        Assert.Equal(1.0, FingerprintMatcher.Similarity(Clip, later));
        Assert.Equal(1.0, FingerprintMatcher.Similarity(later, Clip));
    }

    [Fact]
    public void Frames_more_bits_apart_than_the_threshold_do_not_match()
    {
        var far = Clip.Select(h => h ^ ((1UL << (FingerprintMatcher.MaxFrameDistance + 1)) - 1)).ToArray();
        var near = Clip.Select(h => h ^ ((1UL << FingerprintMatcher.MaxFrameDistance) - 1)).ToArray();

        Assert.Equal(0.0, FingerprintMatcher.Similarity(Clip, far));
        Assert.Equal(1.0, FingerprintMatcher.Similarity(Clip, near));
    }

    [Fact]
    public void A_reframed_view_of_the_query_counts_when_it_matches_better()
    {
        var unrelated = Clip.Select(h => ~h).ToArray();
        var query = new VideoFingerprint(unrelated, [Clip]);

        Assert.Equal(0.0, FingerprintMatcher.Similarity(unrelated, Clip));
        Assert.Equal(1.0, FingerprintMatcher.Similarity(query, Clip));
    }
}
