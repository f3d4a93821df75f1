using ShortVideo.Ranking.Reranking;

namespace ShortVideo.Core.Tests.Ranking.Reranking;

public sealed class RetrievalOrderRerankerTests
{
    [Fact]
    public void Scores_are_the_retrieval_scores_in_the_batchs_order()
    {
        var batch = RerankBatchTests.Batch(dimension: 1, user: [0], vectors: [1, 2, 3], ids: [7, 8, 9], retrieval: [0.3f, 0.9f, -0.1f]);
        var scores = new float[3];

        RetrievalOrderReranker.Instance.Score(batch, scores);

        Assert.Equal([0.3f, 0.9f, -0.1f], scores);
    }

    [Fact]
    public void A_scores_span_of_the_wrong_length_is_an_argument_exception()
    {
        var batch = RerankBatchTests.Batch(dimension: 1, user: [0], vectors: [1, 2], ids: [7, 8]);

        var error = Assert.Throws<ArgumentException>(() => RetrievalOrderReranker.Instance.Score(batch, new float[3]));

        Assert.Equal("scores", error.ParamName);
        Assert.StartsWith("The scores span has 3 elements but the batch has 2 candidates.", error.Message, StringComparison.Ordinal);
    }
}
