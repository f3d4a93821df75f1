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
    /// Where ONNX Runtime runs the model: <see cref="RerankerExecutionProvider.Cpu"/> (default) or
    /// <see cref="RerankerExecutionProvider.Cuda"/>. Cuda needs the application to ship ONNX Runtime's CUDA
    /// build and the machine to have CUDA and an NVIDIA driver; where either is missing, one warning says
    /// why and the model runs on the CPU.
    /// </summary>
    public RerankerExecutionProvider ExecutionProvider { get; set; } = RerankerExecutionProvider.Cpu;

    /// <summary>
    /// Threads one model run may use. Default 1: feed requests already run in parallel, and a few hundred
    /// candidates through a small model take well under a millisecond on one core.
    /// </summary>
    public int IntraOpThreads { get; set; } = 1;

    /// <summary>Throws with a sentence naming the setting when the options cannot work (a provider without its model, threads below 1).</summary>
    public void Validate()
    {
        if (!Enum.IsDefined(Provider))
        {
            throw new ArgumentOutOfRangeException(nameof(Provider), Provider, "Ranking:Reranker:Provider must be None or Onnx.");
        }

        if (!Enum.IsDefined(ExecutionProvider))
        {
            throw new ArgumentOutOfRangeException(nameof(ExecutionProvider), ExecutionProvider, "Ranking:Reranker:ExecutionProvider must be Cpu or Cuda.");
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
