namespace ShortVideo.Ranking.Reranking;

/// <summary>
/// The second ranking stage: re-scores the few hundred candidates retrieval returned, with features
/// retrieval cannot use at catalog scale (a learned model over user, candidate, popularity and age).
/// </summary>
/// <remarks>
/// Implementations are called from many feed requests at once and must be safe for concurrent
/// <see cref="Score"/> calls.
/// </remarks>
public interface IReranker
{
    /// <summary>A short name for logs and metrics ("RetrievalOrder", "Onnx:ranker.onnx").</summary>
    string Name { get; }

    /// <summary>
    /// Writes one score per candidate of <paramref name="batch"/> into <paramref name="scores"/>, in the
    /// batch's order; higher is better.
    /// </summary>
    /// <param name="batch">The user and the candidates to score.</param>
    /// <param name="scores">Exactly <see cref="RerankBatch.Count"/> elements.</param>
    /// <exception cref="ArgumentException">The span's length or the batch's dimension does not fit.</exception>
    /// <exception cref="RerankerException">
    /// The model failed, or produced a NaN or an infinity: such scores are rejected, never used.
    /// </exception>
    void Score(RerankBatch batch, Span<float> scores);
}
