namespace ShortVideo.Ranking.Reranking;

/// <summary>Where ONNX Runtime runs the re-ranker's model (<see cref="RerankerOptions.ExecutionProvider"/>).</summary>
public enum RerankerExecutionProvider
{
    /// <summary>ONNX Runtime's CPU execution provider, in every build of ONNX Runtime.</summary>
    Cpu = 0,

    /// <summary>
    /// ONNX Runtime's CUDA execution provider on GPU 0, falling back to the CPU with one warning where the
    /// application ships the CPU-only build or the machine lacks CUDA or an NVIDIA driver.
    /// </summary>
    Cuda = 1,
}
