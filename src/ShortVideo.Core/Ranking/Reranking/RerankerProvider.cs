namespace ShortVideo.Ranking.Reranking;

/// <summary>Which re-ranker scores the candidates (<see cref="RerankerOptions.Provider"/>).</summary>
public enum RerankerProvider
{
    /// <summary>No second stage: candidates keep their retrieval scores.</summary>
    None = 0,

    /// <summary>An ONNX model run by ONNX Runtime (package ShortVideo.Gpu).</summary>
    Onnx = 1,
}
