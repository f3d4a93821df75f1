using ShortVideo.Ranking.Retrieval;

namespace ShortVideo.Core.Tests.Ranking.Retrieval;

public sealed class ExactTopKTests
{
    public static TheoryData<int, int, bool> Catalogs()
    {
        var data = new TheoryData<int, int, bool>();
        foreach (var n in new[] { 0, 1, 15, 1000, 100_000 })
        {
            foreach (var d in new[] { 16, 64, 100 })
            {
                data.Add(n, d, false);
            }
        }

        data.Add(1000, 100, true);
        data.Add(100_000, 64, true);
        data.Add(15, 16, true);
        return data;
    }

    [Theory]
    [MemberData(nameof(Catalogs))]
    public void Top_k_equals_the_naive_double_precision_ranking(int n, int dimension, bool fp16)
    {
        var precision = fp16 ? VectorPrecision.Fp16 : VectorPrecision.Fp32;
        var ids = RetrievalReference.Ids(n);
        var vectors = RetrievalReference.RandomVectors(n, dimension, seed: n + dimension);
        var matrix = RetrievalReference.Build(ids, vectors, dimension, precision);
        var query = RetrievalReference.RandomVectors(1, dimension, seed: 7);
        var expected = RetrievalReference.Rank(ids, vectors, query, precision);

        foreach (var k in new[] { 1, 10, 100, n + 1 })
        {
            RetrievalReference.AssertMatches(expected, matrix.TopK(query, k), k, dimension);
        }
    }

    [Theory]
    [InlineData(1000, 64, false)]
    [InlineData(100_000, 100, false)]
    [InlineData(5000, 64, true)]
    public void Batched_queries_return_what_each_query_returns_alone(int n, int dimension, bool fp16)
    {
        var precision = fp16 ? VectorPrecision.Fp16 : VectorPrecision.Fp32;
        var ids = RetrievalReference.Ids(n);
        var matrix = RetrievalReference.Build(ids, RetrievalReference.RandomVectors(n, dimension, seed: 3), dimension, precision);
        const int batch = 13;
        var queries = RetrievalReference.RandomVectors(batch, dimension, seed: 11);

        var results = matrix.TopKBatch(queries, 10);

        Assert.Equal(batch, results.Length);
        for (var i = 0; i < batch; i++)
        {
            var single = matrix.TopK(queries.AsSpan(i * dimension, dimension), 10);
            Assert.Equal(single.Select(h => h.Id), results[i].Select(h => h.Id));
            for (var j = 0; j < single.Length; j++)
            {
                Assert.Equal(single[j].Score, results[i][j].Score, 1e-4f);
            }
        }
    }

    [Fact]
    public void Exclusion_filters_leave_out_exactly_the_flagged_rows_in_single_and_batched_queries()
    {
        const int n = 70_000;
        const int dimension = 32;
        var ids = RetrievalReference.Ids(n);
        var vectors = RetrievalReference.RandomVectors(n, dimension, seed: 5);
        var matrix = RetrievalReference.Build(ids, vectors, dimension, VectorPrecision.Fp32);
        var snapshot = matrix.Snapshot;
        var filter = new ExclusionFilter(n);
        var random = new Random(9);
        for (var r = 0; r < n; r++)
        {
            // Whole 64-row words (the skip path), then scattered rows (the per-row path).
            if (r < 64 * 40 || random.Next(3) == 0)
            {
                filter.Exclude(r);
            }
        }

        var queries = RetrievalReference.RandomVectors(9, dimension, seed: 6);
        var batch = ExactTopK.TopKBatch(snapshot, queries, n, [filter]);
        for (var i = 0; i < 9; i++)
        {
            var query = queries.AsSpan(i * dimension, dimension);
            var expected = RetrievalReference.Rank(ids, vectors, query, VectorPrecision.Fp32, filter.IsExcluded);
            Assert.Equal(n - filter.ExcludedCount, expected.Length);
            RetrievalReference.AssertMatches(expected, ExactTopK.TopK(snapshot, query, 50, filter), 50, dimension);
            RetrievalReference.AssertMatches(expected, batch[i], n, dimension);
        }
    }

    [Fact]
    public void A_filter_built_from_ids_excludes_those_items()
    {
        var ids = RetrievalReference.Ids(200);
        var vectors = RetrievalReference.RandomVectors(200, 16, seed: 1);
        var matrix = RetrievalReference.Build(ids, vectors, 16, VectorPrecision.Fp32);
        var query = RetrievalReference.RandomVectors(1, 16, seed: 2);
        var top = matrix.TopK(query, 5);
        var blocked = new HashSet<long> { top[0].Id, top[3].Id };

        var snapshot = matrix.Snapshot;
        var filtered = ExactTopK.TopK(snapshot, query, 5, ExclusionFilter.ForIds(snapshot, blocked));

        Assert.Equal([top[1].Id, top[2].Id, top[4].Id], filtered.Take(3).Select(h => h.Id));
        Assert.DoesNotContain(filtered, h => blocked.Contains(h.Id));
    }

    [Fact]
    public void Fp16_storage_widens_back_to_the_rounded_values_including_subnormals_and_signs()
    {
        float[] values = [0f, -0f, 1f, -2.5f, 65504f, -65504f, 6e-8f, -3e-5f, 0.1f, 1234.5f, 1e-4f, -7f, 0.333f, 42f, -0.001f, 3f];
        var matrix = new ItemMatrix(16, VectorPrecision.Fp16);
        matrix.Add(1, values);
        var row = new float[16];

        matrix.Snapshot.CopyRow(0, row);
        var unit = new float[16];
        var hits = new List<float>();
        for (var d = 0; d < 16; d++)
        {
            Array.Clear(unit);
            unit[d] = 1;
            hits.Add(matrix.TopK(unit, 1)[0].Score);
        }

        for (var d = 0; d < 16; d++)
        {
            Assert.Equal((float)(Half)values[d], row[d]);
            Assert.Equal((float)(Half)values[d], hits[d]);
        }
    }
}
