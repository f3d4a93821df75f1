using ShortVideo.Ranking.Reranking;

namespace ShortVideo.Core.Tests.Ranking.Reranking;

public sealed class RerankBatchTests
{
    [Fact]
    public void A_well_formed_batch_exposes_its_count_and_dimension()
    {
        var batch = Batch(dimension: 2, user: new float[2], vectors: new float[6], retrieval: new float[3], ages: new float[3], impressions: new float[3], ids: [1, 2, 3]);

        Assert.Equal(3, batch.Count);
        Assert.Equal(2, batch.Dimension);
    }

    [Fact]
    public void A_user_vector_of_another_dimension_is_an_argument_exception_with_a_sentence()
    {
        var error = Assert.Throws<ArgumentException>(() => Batch(dimension: 4, user: new float[3], vectors: new float[8], ids: [1, 2]));

        Assert.Equal("userVector", error.ParamName);
        Assert.StartsWith("The user vector has 3 values; the dimension is 4.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Candidate_vectors_that_do_not_fill_count_times_dimension_are_an_argument_exception()
    {
        var error = Assert.Throws<ArgumentException>(() => Batch(dimension: 4, user: new float[4], vectors: new float[7], ids: [1, 2]));

        Assert.Equal("candidateVectors", error.ParamName);
        Assert.StartsWith("The candidate vectors hold 7 values; 2 candidates x dimension 4 make 8.", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("retrievalScores", "retrieval scores")]
    [InlineData("ageHours", "ages")]
    [InlineData("impressions", "impression counts")]
    public void A_per_candidate_array_of_the_wrong_length_is_an_argument_exception_naming_it(string parameter, string words)
    {
        var error = Assert.Throws<ArgumentException>(() => Batch(
            dimension: 1,
            user: new float[1],
            vectors: new float[2],
            retrieval: new float[parameter == "retrievalScores" ? 3 : 2],
            ages: new float[parameter == "ageHours" ? 1 : 2],
            impressions: new float[parameter == "impressions" ? 0 : 2],
            ids: [1, 2]));

        Assert.Equal(parameter, error.ParamName);
        Assert.Contains($"The batch has 2 candidate ids but ", error.Message, StringComparison.Ordinal);
        Assert.Contains($" {words}; each candidate needs one.", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(float.NaN)]
    [InlineData(float.PositiveInfinity)]
    public void A_non_finite_value_in_a_vector_is_an_argument_exception_naming_its_index(float bad)
    {
        var vectors = new float[4];
        vectors[3] = bad;

        var error = Assert.Throws<ArgumentException>(() => Batch(dimension: 2, user: new float[2], vectors: vectors, ids: [1, 2]));

        Assert.StartsWith($"The candidate vectors hold {bad} at index 3; only finite numbers can be re-ranked.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Negative_impressions_are_an_argument_exception()
    {
        var error = Assert.Throws<ArgumentException>(() => Batch(dimension: 1, user: new float[1], vectors: new float[1], impressions: [-1], ids: [1]));

        Assert.StartsWith("The impression counts hold -1 at index 0; only finite numbers of at least 0 can be re-ranked.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_dimension_below_one_is_out_of_range()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Batch(dimension: 0, user: [], vectors: [], ids: []));
    }

    internal static RerankBatch Batch(int dimension, float[] user, float[] vectors, long[] ids, float[]? retrieval = null, float[]? ages = null, float[]? impressions = null) =>
        new(dimension, user, ids, vectors, retrieval ?? new float[ids.Length], ages ?? new float[ids.Length], impressions ?? new float[ids.Length]);
}
