using ShortVideo.Ranking.Reranking;

namespace ShortVideo.Core.Tests.Ranking.Reranking;

public sealed class RerankFeaturesTests
{
    [Theory]
    [InlineData(1, 5)]
    [InlineData(64, 131)]
    [InlineData(128, 259)]
    public void A_row_has_two_vectors_and_three_scalars(int dimension, int columns)
    {
        Assert.Equal(columns, RerankFeatures.FeatureCount(dimension));
    }

    [Fact]
    public void The_column_count_is_explained_for_messages()
    {
        Assert.Equal("131 (2 x dimension 64 + 3)", RerankFeatures.Explain(64));
    }

    [Fact]
    public void Each_row_is_user_vector_candidate_vector_retrieval_score_log_impressions_then_age()
    {
        var batch = new RerankBatch(
            2,
            new float[] { 1, 2 },
            new long[] { 10, 20 },
            new float[] { 3, 4, 5, 6 },
            new float[] { 0.5f, -0.25f },
            new float[] { 12, 0 },
            new float[] { 0, 99 });
        var features = new float[2 * 7];

        RerankFeatures.Write(batch, features);

        Assert.Equal([1f, 2, 3, 4, 0.5f, 0, 12], features[..7]);
        Assert.Equal([1f, 2, 5, 6, -0.25f, MathF.Log(100), 0], features[7..]);
    }

    [Fact]
    public void A_buffer_of_the_wrong_size_is_an_argument_exception()
    {
        var batch = RerankBatchTests.Batch(dimension: 2, user: new float[2], vectors: new float[4], ids: [1, 2]);

        var error = Assert.Throws<ArgumentException>(() => RerankFeatures.Write(batch, new float[13]));

        Assert.StartsWith("The feature buffer has 13 floats; 2 candidates x 7 columns need 14.", error.Message, StringComparison.Ordinal);
    }
}
