using ShortVideo.Ranking.Retrieval;

namespace ShortVideo.Core.Tests.Ranking.Retrieval;

/// <summary>Seeded catalogs and the naive answer: double-precision dot products, a full sort.</summary>
internal static class RetrievalReference
{
    public static float[] RandomVectors(int count, int dimension, int seed)
    {
        var random = new Random(seed);
        var values = new float[count * dimension];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = (float)((random.NextDouble() * 2) - 1);
        }

        return values;
    }

    public static long[] Ids(int count)
    {
        var ids = new long[count];
        for (var i = 0; i < count; i++)
        {
            // Not the row order, so a kernel that returned row indexes would fail.
            ids[i] = 1_000_000 + (i * 7L);
        }

        return ids;
    }

    public static ItemMatrix Build(long[] ids, float[] vectors, int dimension, VectorPrecision precision)
    {
        var matrix = new ItemMatrix(dimension, precision);
        matrix.AddRange(ids, vectors);
        return matrix;
    }

    /// <summary>Every row's exact score, sorted by score desc then id asc; fp16 storage is rounded first.</summary>
    public static (long Id, double Score)[] Rank(long[] ids, float[] vectors, ReadOnlySpan<float> query, VectorPrecision precision, Func<int, bool>? excluded = null)
    {
        var dimension = query.Length;
        var all = new List<(long Id, double Score)>();
        for (var r = 0; r < ids.Length; r++)
        {
            if (excluded?.Invoke(r) == true)
            {
                continue;
            }

            double dot = 0;
            for (var d = 0; d < dimension; d++)
            {
                var value = vectors[(r * dimension) + d];
                if (precision == VectorPrecision.Fp16)
                {
                    value = (float)(Half)value;
                }

                dot += (double)value * query[d];
            }

            all.Add((ids[r], dot));
        }

        all.Sort((a, b) => a.Score != b.Score ? b.Score.CompareTo(a.Score) : a.Id.CompareTo(b.Id));
        return [.. all];
    }

    /// <summary>
    /// Same length, the same ids up to near-ties, scores within a float-accumulation tolerance: a swapped pair
    /// is accepted when both exact scores agree within 1e-5 relative.
    /// </summary>
    public static void AssertMatches((long Id, double Score)[] expected, (long Id, float Score)[] actual, int k, double scale)
    {
        Assert.Equal(Math.Min(k, expected.Length), actual.Length);
        var exact = new Dictionary<long, double>();
        foreach (var (id, score) in expected)
        {
            exact[id] = score;
        }

        var distinct = new HashSet<long>();
        for (var i = 0; i < actual.Length; i++)
        {
            Assert.True(distinct.Add(actual[i].Id), $"id {actual[i].Id} returned twice");
            var tolerance = 1e-5 * Math.Max(1, Math.Abs(expected[i].Score)) + (1e-6 * scale);
            Assert.True(Math.Abs(actual[i].Score - expected[i].Score) <= tolerance, $"rank {i}: score {actual[i].Score} vs {expected[i].Score}");
            if (actual[i].Id != expected[i].Id)
            {
                Assert.True(Math.Abs(exact[actual[i].Id] - expected[i].Score) <= tolerance, $"rank {i}: id {actual[i].Id} instead of {expected[i].Id}, not a tie");
            }

            if (i > 0)
            {
                Assert.True(
                    actual[i - 1].Score > actual[i].Score || (actual[i - 1].Score == actual[i].Score && actual[i - 1].Id < actual[i].Id),
                    $"rank {i} is out of order");
            }
        }
    }
}
