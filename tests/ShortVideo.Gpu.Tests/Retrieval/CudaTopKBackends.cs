using ShortVideo.Gpu.Cuda;
using ShortVideo.Gpu.Retrieval;
using ShortVideo.Gpu.Tests.Emulation;

namespace ShortVideo.Gpu.Tests.Retrieval;

/// <summary>
/// One <see cref="CudaTopK"/> per test class, created on first use: a class whose tests all skip never loads
/// a driver.
/// </summary>
public abstract class CudaTopKBackend : IDisposable
{
    private readonly Lazy<CudaTopK> _gpu;

    private protected CudaTopKBackend(Func<string> library) =>
        _gpu = new(() => CudaTopK.Create(library(), GpuProbe.Probe(library()).Devices[0]));

    internal CudaTopK Value => _gpu.Value;

    public void Dispose()
    {
        if (_gpu.IsValueCreated)
        {
            _gpu.Value.Dispose();
        }

        GC.SuppressFinalize(this);
    }
}

/// <summary>The machine's NVIDIA driver (libcuda.so.1).</summary>
public sealed class GpuBackend() : CudaTopKBackend(() => CudaDriver.DefaultLibrary);

/// <summary>The CUDA emulator built from cuda_emulator.cpp.</summary>
public sealed class EmulatedBackend() : CudaTopKBackend(() => EmulatedDriver.Library);
