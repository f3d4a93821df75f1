namespace ShortVideo.Ranking.Reranking;

/// <summary>
/// The default second stage, which changes nothing: each candidate keeps its retrieval score, so the feed
/// is ordered as retrieval ordered it. Used when no model is configured, and as the fallback where the
/// ONNX Runtime library is absent.
/// </summary>
internal sealed class RetrievalOrderReranker : IReranker
{
    public static readonly RetrievalOrderReranker Instance = new();

    public string Name => "RetrievalOrder";

    public void Score(RerankBatch batch, Span<float> scores)
    {
        ArgumentNullException.ThrowIfNull(batch);
        batch.RequireScoreSpan(scores.Length);
        batch.RetrievalScores.Span.CopyTo(scores);
    }
}
