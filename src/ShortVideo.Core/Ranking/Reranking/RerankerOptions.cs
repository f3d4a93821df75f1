namespace ShortVideo.Ranking.Reranking;

/// <summary>The second ranking stage (configuration section <c>Ranking:Reranker</c>).</summary>
public sealed class RerankerOptions
{
    /// <summary>Configuration section bound to these options.</summary>
    public const string SectionName = "Ranking:Reranker";

    /// <summary><see cref="RerankerProvider.None"/> (default: retrieval order) or <see cref="RerankerProvider.Onnx"/>.</summary>
    public RerankerProvider Provider { get; set; } = RerankerProvider.None;

    /// <summary>
    /// The .onnx model file, required with <see cref="RerankerProvider.Onnx"/>. It takes one float input
    /// [N, 2 x dimension + 3] (the layout is documented on the feature writer) and gives one float output
    /// [N] or [N, 1].
    /// </summary>
    public string? ModelPath { get; set; }

    /// <summary>
    /// The ONNX Runtime native library (libonnxruntime.so.1, onnxruntime.dll). Unset: the name
    /// "libonnxruntime.so.1" (onnxruntime.dll on Windows) resolved by the system's loader.
    /// </summary>
    public string? OnnxRuntimeLibraryPath { get; set; }

    /// <summary>
    /// Threads one model run may use. Default 1: feed requests already run in parallel, and a few hundred
    /// candidates through a small model take well under a millisecond on one core.
    /// </summary>
    public int IntraOpThreads { get; set; } = 1;

    internal void Validate()
    {
        if (!Enum.IsDefined(Provider))
        {
            throw new ArgumentOutOfRangeException(nameof(Provider), Provider, "Ranking:Reranker:Provider must be None or Onnx.");
        }

        if (Provider == RerankerProvider.Onnx && string.IsNullOrWhiteSpace(ModelPath))
        {
            throw new ArgumentException("Ranking:Reranker:Provider is Onnx but Ranking:Reranker:ModelPath is not set: name the .onnx model file.", nameof(ModelPath));
        }

        if (IntraOpThreads < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(IntraOpThreads), IntraOpThreads, "Ranking:Reranker:IntraOpThreads must be at least 1.");
        }
    }
}
