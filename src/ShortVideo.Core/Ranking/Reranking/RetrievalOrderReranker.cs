namespace ShortVideo.Ranking.Reranking;

/// <summary>
/// The default second stage, which changes nothing: each candidate keeps its retrieval score, so the feed
/// is ordered as retrieval ordered it. Used when no model is configured, and as the fallback where the
/// ONNX Runtime library is absent.
/// </summary>
public sealed class RetrievalOrderReranker : IReranker
{
    private RetrievalOrderReranker()
    {
    }

    /// <summary>The one instance.</summary>
    public static RetrievalOrderReranker Instance { get; } = new();

    /// <inheritdoc/>
    public string Name => "RetrievalOrder";

    /// <inheritdoc/>
    public void Score(RerankBatch batch, Span<float> scores)
    {
        ArgumentNullException.ThrowIfNull(batch);
        batch.RequireScoreSpan(scores.Length);
        batch.RetrievalScores.Span.CopyTo(scores);
    }
}
