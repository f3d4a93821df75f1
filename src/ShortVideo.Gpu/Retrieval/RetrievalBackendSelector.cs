using Microsoft.Extensions.Logging;
using ShortVideo.Gpu.Cuda;
using ShortVideo.Ranking.Retrieval;

namespace ShortVideo.Gpu.Retrieval;

/// <summary>
/// Picks where retrieval runs from <see cref="RetrievalOptions.Device"/>: the GPU when the CUDA driver finds a
/// device and the kernels load, else the CPU. Logs one line saying which and, for the CPU, why.
/// </summary>
public static class RetrievalBackendSelector
{
    /// <summary>The backend for <paramref name="options"/>; Device = Gpu without a usable GPU throws <see cref="InvalidOperationException"/> with the reason.</summary>
    public static IRetrievalBackend Create(ILogger logger, RetrievalOptions options)
    {
        ArgumentNullException.ThrowIfNull(logger);
        ArgumentNullException.ThrowIfNull(options);
        if (options.Device == RetrievalDevice.Cpu)
        {
            RetrievalLog.RunsOnCpu(logger, $"{RetrievalOptions.SectionName}:Device is {RetrievalDevice.Cpu}");
            return CpuRetrievalBackend.Instance;
        }

        if (options.Device != RetrievalDevice.Auto && options.Device != RetrievalDevice.Gpu)
        {
            throw new InvalidOperationException(
                $"{RetrievalOptions.SectionName}:Device is {options.Device}; use {RetrievalDevice.Auto}, {RetrievalDevice.Cpu} or {RetrievalDevice.Gpu}.");
        }

        var library = options.CudaDriverLibrary ?? CudaDriver.DefaultLibrary;
        var (gpu, reason) = TryCuda(library);
        if (gpu is not null)
        {
            RetrievalLog.RunsOnGpu(logger, gpu.Name, gpu.MaxK);
            return gpu;
        }

        if (options.Device == RetrievalDevice.Gpu)
        {
            throw new InvalidOperationException(
                $"{RetrievalOptions.SectionName}:Device is {RetrievalDevice.Gpu} but retrieval cannot run on a GPU: {reason}.");
        }

        RetrievalLog.RunsOnCpu(logger, reason!);
        return CpuRetrievalBackend.Instance;
    }

    /// <summary>
    /// The CUDA backend on the first GPU of the driver <paramref name="cudaDriverLibrary"/> (null: libcuda.so.1), or
    /// null with the <paramref name="reason"/> there is none (no driver, no device, kernels that do not load).
    /// The backend is <see cref="IDisposable"/>: dispose it to free its device memory.
    /// </summary>
    public static IRetrievalBackend? TryCreateGpu(string? cudaDriverLibrary, out string? reason)
    {
        var (gpu, why) = TryCuda(cudaDriverLibrary ?? CudaDriver.DefaultLibrary);
        reason = why;
        return gpu;
    }

    /// <summary>The CUDA backend on the first device of the driver in <paramref name="library"/>, or why there is none.</summary>
    internal static (CudaTopK? Gpu, string? Reason) TryCuda(string library)
    {
        var probe = GpuProbe.Probe(library);
        if (!probe.Present)
        {
            return (null, probe.Reason);
        }

        try
        {
            return (CudaTopK.Create(library, probe.Devices[0]), null);
        }
        catch (CudaException e)
        {
            return (null, $"the top-k kernels did not load on {probe.Devices[0].Name} ({e.Message})");
        }
    }
}
