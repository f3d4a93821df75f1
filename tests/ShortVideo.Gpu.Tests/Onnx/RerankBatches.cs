using ShortVideo.Ranking.Reranking;

namespace ShortVideo.Gpu.Tests.Onnx;

/// <summary>Seeded random batches: deterministic, and varied enough that no two candidates score alike.</summary>
internal static class RerankBatches
{
    public static RerankBatch Random(int dimension, int count, int seed)
    {
        var random = new Random(seed);
        var user = Values(random, dimension);
        var ids = new long[count];
        for (var i = 0; i < count; i++)
        {
            ids[i] = 1000 + i;
        }

        var ages = new float[count];
        var impressions = new float[count];
        for (var i = 0; i < count; i++)
        {
            ages[i] = (float)(random.NextDouble() * 48);
            impressions[i] = random.Next(0, 100_000);
        }

        return new RerankBatch(dimension, user, ids, Values(random, count * dimension), Values(random, count), ages, impressions);
    }

    private static float[] Values(Random random, int count)
    {
        var values = new float[count];
        for (var i = 0; i < count; i++)
        {
            values[i] = (float)((random.NextDouble() * 2) - 1);
        }

        return values;
    }
}
