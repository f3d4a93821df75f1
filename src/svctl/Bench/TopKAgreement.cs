namespace ShortVideo.Cli.Bench;

/// <summary>Whether two exact top-k answers computed with different summation orders are the same answer.</summary>
internal static class TopKAgreement
{
    /// <summary>
    /// Same length, each score within rounding (1e-4 relative) of the other's at that place, and the same id
    /// at every place except among near-ties, whose order rounding may flip.
    /// </summary>
    public static bool Agrees((long Id, float Score)[] expected, (long Id, float Score)[] actual)
    {
        if (expected.Length != actual.Length)
        {
            return false;
        }

        for (var i = 0; i < expected.Length; i++)
        {
            if (!Near(expected[i].Score, actual[i].Score))
            {
                return false;
            }

            var tied = (i > 0 && Near(expected[i].Score, expected[i - 1].Score))
                || (i + 1 < expected.Length && Near(expected[i].Score, expected[i + 1].Score))
                || i == expected.Length - 1;
            if (expected[i].Id != actual[i].Id && !tied)
            {
                return false;
            }
        }

        return true;
    }

    private static bool Near(float a, float b) => Math.Abs(a - b) <= 1e-4f * Math.Max(1, Math.Abs(a));
}
