namespace ShortVideo.Ranking.Embeddings;

/// <summary>SplitMix64: a stateless, well-mixed 64-bit hash that doubles as a seeded sequence.</summary>
internal static class SplitMix64
{
    private const ulong Golden = 0x9E3779B97F4A7C15UL;

    public static ulong Mix(ulong z)
    {
        z += Golden;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>
    /// Fills <paramref name="destination"/> with uniform values in [-scale, scale] derived from the seed and
    /// the id alone, so a row's first values do not depend on the order in which ids were admitted.
    /// </summary>
    public static void FillUniform(int seed, long id, float scale, Span<float> destination)
    {
        var state = Mix((ulong)id ^ Mix((ulong)(uint)seed));
        for (var i = 0; i < destination.Length; i++)
        {
            state += Golden;
            // The top 24 bits give every float in [0, 1) a mantissa-exact step of 2^-24.
            var unit = (Mix(state) >> 40) * (1.0f / (1 << 24));
            destination[i] = ((unit * 2f) - 1f) * scale;
        }
    }
}
