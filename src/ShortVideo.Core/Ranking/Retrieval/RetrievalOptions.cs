namespace ShortVideo.Ranking.Retrieval;

/// <summary>
/// Where exact top-k retrieval runs (configuration section <c>Ranking:Retrieval</c>). Read by ShortVideo.Gpu's
/// <c>AddRetrievalBackend</c>; without ShortVideo.Gpu retrieval always runs on the CPU.
/// </summary>
public sealed class RetrievalOptions
{
    /// <summary>Configuration section.</summary>
    public const string SectionName = "Ranking:Retrieval";

    /// <summary>
    /// <see cref="RetrievalDevice.Auto"/> (default): an NVIDIA GPU when the CUDA driver finds one and the kernels
    /// load, else the CPU, with one log line saying why. <see cref="RetrievalDevice.Gpu"/>: the GPU or a startup
    /// error. <see cref="RetrievalDevice.Cpu"/>: the CPU without looking for a GPU.
    /// </summary>
    public RetrievalDevice Device { get; set; } = RetrievalDevice.Auto;

    /// <summary>
    /// The CUDA driver library to load: a file name the loader searches for or a path. Null (default):
    /// libcuda.so.1 (nvcuda.dll on Windows), which the NVIDIA driver installs.
    /// </summary>
    public string? CudaDriverLibrary { get; set; }
}
