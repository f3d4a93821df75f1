using ShortVideo.Ranking.Retrieval;

namespace ShortVideo.Core.Tests.Ranking.Retrieval;

public sealed class RetrievalBadInputTests
{
    [Fact]
    public void A_query_of_the_wrong_dimension_is_an_argument_exception_with_a_sentence()
    {
        var matrix = new ItemMatrix(16);
        matrix.Add(1, new float[16]);

        var ex = Assert.Throws<ArgumentException>(() => matrix.TopK(new float[15], 1));

        Assert.StartsWith("The query has 15 values but the catalog's vectors have 16.", ex.Message);
    }

    [Fact]
    public void An_item_of_the_wrong_dimension_is_rejected_and_not_stored()
    {
        var matrix = new ItemMatrix(16);

        Assert.Throws<ArgumentException>(() => matrix.Add(1, new float[17]));
        Assert.Equal(0, matrix.Count);
    }

    [Theory]
    [InlineData(float.NaN)]
    [InlineData(float.PositiveInfinity)]
    [InlineData(float.NegativeInfinity)]
    public void Nan_or_infinity_in_an_item_is_rejected_with_a_sentence_and_never_stored(float bad)
    {
        var matrix = new ItemMatrix(16);
        var vectors = new float[32];
        vectors[16 + 5] = bad;

        var ex = Assert.Throws<ArgumentException>(() => matrix.AddRange([1, 2], vectors));

        Assert.Contains("at index 5; only finite numbers can be scored.", ex.Message);
        Assert.Equal(0, matrix.Count);
        matrix.Add(1, new float[16]);
        Assert.Throws<ArgumentException>(() => matrix.Update(1, vectors.AsSpan(16)));
        Assert.Equal(0f, matrix.TopK(Ones(16), 1)[0].Score);
    }

    [Fact]
    public void Nan_in_a_query_is_rejected_with_a_sentence()
    {
        var matrix = new ItemMatrix(16);
        matrix.Add(1, new float[16]);
        var query = new float[16];
        query[3] = float.NaN;

        var ex = Assert.Throws<ArgumentException>(() => matrix.TopK(query, 1));
        Assert.Contains("The query has NaN at index 3", ex.Message);
        Assert.Throws<ArgumentException>(() => matrix.TopKBatch([.. new float[16], .. query], 1));
    }

    [Fact]
    public void A_value_beyond_the_fp16_range_is_rejected_for_fp16_storage()
    {
        var matrix = new ItemMatrix(16, VectorPrecision.Fp16);
        var vector = new float[16];
        vector[0] = 70000f;

        var ex = Assert.Throws<ArgumentException>(() => matrix.Add(1, vector));
        Assert.Contains("beyond the ±65504 that fp16 storage holds", ex.Message);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void K_of_zero_or_less_is_out_of_range(int k)
    {
        var matrix = new ItemMatrix(16);
        Assert.Throws<ArgumentOutOfRangeException>(() => matrix.TopK(new float[16], k));
        Assert.Throws<ArgumentOutOfRangeException>(() => matrix.TopKBatch(new float[16], k));
    }

    [Fact]
    public void An_empty_catalog_returns_no_hits()
    {
        var matrix = new ItemMatrix(16);

        Assert.Empty(matrix.TopK(Ones(16), 10));
        Assert.All(matrix.TopKBatch(new float[16 * 20], 10), Assert.Empty);
    }

    [Fact]
    public void K_larger_than_the_catalog_returns_every_item_sorted_ties_by_id()
    {
        var matrix = new ItemMatrix(16);
        matrix.AddRange([30, 10, 20], [.. Ones(16), .. Ones(16), .. new float[16]]);

        var hits = matrix.TopK(Ones(16), 100);

        Assert.Equal([(10L, 16f), (30L, 16f), (20L, 0f)], hits);
    }

    [Fact]
    public void Adding_an_id_twice_is_rejected()
    {
        var matrix = new ItemMatrix(16);
        matrix.Add(1, new float[16]);

        Assert.Throws<ArgumentException>(() => matrix.Add(1, new float[16]));
        Assert.Throws<ArgumentException>(() => matrix.AddRange([2, 2], new float[32]));
        Assert.Equal(1, matrix.Count);
    }

    [Fact]
    public void A_filter_from_another_snapshot_is_rejected()
    {
        var matrix = new ItemMatrix(16);
        matrix.Add(1, new float[16]);

        Assert.Throws<ArgumentException>(() => matrix.TopK(new float[16], 1, new ExclusionFilter(2)));
    }

    private static float[] Ones(int n) => Enumerable.Repeat(1f, n).ToArray();
}
