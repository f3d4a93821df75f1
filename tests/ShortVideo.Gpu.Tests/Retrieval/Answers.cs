using ShortVideo.Core.Tests.Ranking.Retrieval;
using ShortVideo.Gpu.Retrieval;
using ShortVideo.Ranking.Retrieval;
using Xunit.Sdk;

namespace ShortVideo.Gpu.Tests.Retrieval;

/// <summary>The check of a <see cref="CudaTopK"/>'s answers against the double-precision reference and against ExactTopK.</summary>
internal static class Answers
{
    public static ItemMatrix RandomCatalog(int n, int dimension, VectorPrecision precision, int seed) =>
        RetrievalReference.Build(RetrievalReference.Ids(n), RetrievalReference.RandomVectors(n, dimension, seed), dimension, precision);

    /// <summary>
    /// Asks <paramref name="gpu"/> for each k (TopK for one query, TopKBatch for several) and checks every query's
    /// hits against the double-precision ranking of the snapshot's own rows (same ids up to near-ties, scores
    /// within float tolerance, order), and their count against ExactTopK's.
    /// </summary>
    public static void Assert(CudaTopK gpu, ItemMatrixSnapshot snapshot, float[] queries, int[] ks, string what, ExclusionFilter?[]? filters = null)
    {
        var dimension = snapshot.Dimension;
        var batch = queries.Length / dimension;
        filters ??= [];
        var (ids, vectors) = Rows(snapshot);
        var expected = new (long Id, double Score)[batch][];
        for (var q = 0; q < batch; q++)
        {
            var filter = FilterOf(filters, q);
            expected[q] = RetrievalReference.Rank(ids, vectors, queries.AsSpan(q * dimension, dimension), snapshot.Precision, filter is null ? null : filter.IsExcluded);
        }

        foreach (var k in ks)
        {
            var hits = batch == 1 ? [gpu.TopK(snapshot, queries, k, FilterOf(filters, 0))] : gpu.TopKBatch(snapshot, queries, k, filters);
            var cpu = ExactTopK.TopKBatch(snapshot, queries, k, filters);
            Xunit.Assert.Equal(batch, hits.Length);
            for (var q = 0; q < batch; q++)
            {
                try
                {
                    RetrievalReference.AssertMatches(expected[q], hits[q], k, dimension);
                    Xunit.Assert.Equal(cpu[q].Length, hits[q].Length);
                }
                catch (XunitException e)
                {
                    throw new XunitException($"{what}, k {k}, query {q}: {e.Message}");
                }
            }
        }
    }

    /// <summary>The snapshot's ids and vectors in row order (fp16 rows as stored, widened).</summary>
    private static (long[] Ids, float[] Vectors) Rows(ItemMatrixSnapshot snapshot)
    {
        var ids = new long[snapshot.Count];
        var vectors = new float[snapshot.Count * snapshot.Dimension];
        for (var r = 0; r < snapshot.Count; r++)
        {
            ids[r] = snapshot.IdAt(r);
            snapshot.CopyRow(r, vectors.AsSpan(r * snapshot.Dimension, snapshot.Dimension));
        }

        return (ids, vectors);
    }

    private static ExclusionFilter? FilterOf(ExclusionFilter?[] filters, int query) =>
        filters.Length == 0 ? null : filters[filters.Length == 1 ? 0 : query];
}
