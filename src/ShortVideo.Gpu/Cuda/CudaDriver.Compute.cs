using System.Text;

namespace ShortVideo.Gpu.Cuda;

/// <summary>
/// The driver calls that run kernels: the device's primary context, PTX modules, device memory, launches.
/// Unlike the probe's calls these throw a <see cref="CudaException"/> naming the call and the CUresult, since
/// the GPU path has already been chosen when they run. Everything runs on the legacy default stream, so a
/// device-to-host copy waits for the kernels before it.
/// </summary>
internal sealed unsafe partial class CudaDriver
{
    // CUjit_option and CUfunction_attribute values from cuda.h.
    private const int JitErrorLogBuffer = 5;
    private const int JitErrorLogBufferSizeBytes = 6;
    private const int MaxDynamicSharedSizeBytesAttribute = 8;
    private const int JitLogBytes = 8192;

    private readonly ComputeFunctions _compute;

    /// <summary>Retains device <paramref name="device"/>'s primary context (the one the runtime API shares) and returns it.</summary>
    public nint RetainPrimaryContext(int device)
    {
        nint context;
        Check(_compute.PrimaryCtxRetain(&context, device), "cuDevicePrimaryCtxRetain");
        return context;
    }

    public void ReleasePrimaryContext(int device) => Check(_compute.PrimaryCtxRelease(device), "cuDevicePrimaryCtxRelease");

    /// <summary>Makes <paramref name="context"/> current on the calling thread (the driver's current context is per thread).</summary>
    public void SetCurrentContext(nint context) => Check(_compute.CtxSetCurrent(context), "cuCtxSetCurrent");

    /// <summary>Waits for the kernels launched so far; a fault inside one is reported here.</summary>
    public void Synchronize() => Check(_compute.CtxSynchronize(), "cuCtxSynchronize");

    /// <summary>JIT-compiles <paramref name="ptx"/> (NUL-terminated) into a module; a rejection carries the JIT's error log.</summary>
    public nint LoadModule(ReadOnlySpan<byte> ptx)
    {
        var log = new byte[JitLogBytes];
        var options = stackalloc int[] { JitErrorLogBuffer, JitErrorLogBufferSizeBytes };
        nint module;
        int result;
        fixed (byte* image = ptx)
        fixed (byte* logBuffer = log)
        {
            var values = stackalloc nint[] { (nint)logBuffer, JitLogBytes };
            result = _compute.ModuleLoadDataEx(&module, image, 2, options, values);
        }

        if (result != CudaErrors.Success)
        {
            var end = Array.IndexOf(log, (byte)0);
            var text = Encoding.UTF8.GetString(log, 0, end < 0 ? log.Length : end).Trim();
            throw new CudaException("cuModuleLoadDataEx", result, ErrorName(result), text.Length == 0 ? null : text);
        }

        return module;
    }

    public void UnloadModule(nint module) => Check(_compute.ModuleUnload(module), "cuModuleUnload");

    public nint GetFunction(nint module, string name)
    {
        var bytes = Encoding.ASCII.GetBytes(name + "\0");
        nint function;
        fixed (byte* p = bytes)
        {
            Check(_compute.ModuleGetFunction(&function, module, p), $"cuModuleGetFunction({name})");
        }

        return function;
    }

    /// <summary>Lets <paramref name="function"/> launch with up to <paramref name="bytes"/> of dynamic shared memory (above 48 KiB needs this opt-in).</summary>
    public void SetMaxDynamicSharedMemory(nint function, int bytes) =>
        Check(_compute.FuncSetAttribute(function, MaxDynamicSharedSizeBytesAttribute, bytes), "cuFuncSetAttribute");

    public ulong Allocate(long bytes)
    {
        ulong address;
        Check(_compute.MemAlloc(&address, (nuint)bytes), "cuMemAlloc");
        return address;
    }

    public void Free(ulong address) => Check(_compute.MemFree(address), "cuMemFree");

    public void CopyToDevice(ulong destination, void* source, long bytes) =>
        Check(_compute.MemcpyHtoD(destination, source, (nuint)bytes), "cuMemcpyHtoD");

    public void CopyToHost(void* destination, ulong source, long bytes) =>
        Check(_compute.MemcpyDtoH(destination, source, (nuint)bytes), "cuMemcpyDtoH");

    public void CopyOnDevice(ulong destination, ulong source, long bytes) =>
        Check(_compute.MemcpyDtoD(destination, source, (nuint)bytes), "cuMemcpyDtoD");

    /// <summary>Launches <paramref name="function"/> on the default stream; <paramref name="arguments"/> point at each parameter's value.</summary>
    public void Launch(nint function, uint gridX, uint gridY, uint blockX, uint sharedBytes, void** arguments) =>
        Check(_compute.LaunchKernel(function, gridX, gridY, 1, blockX, 1, 1, sharedBytes, 0, arguments, null), "cuLaunchKernel");

    private void Check(int result, string call)
    {
        if (result != CudaErrors.Success)
        {
            throw new CudaException(call, result, ErrorName(result));
        }
    }

    /// <summary>The compute entry points, bound when the library loads so a driver lacking one is refused up front.</summary>
    private readonly struct ComputeFunctions
    {
        public readonly delegate* unmanaged<nint*, int, int> PrimaryCtxRetain;
        public readonly delegate* unmanaged<int, int> PrimaryCtxRelease;
        public readonly delegate* unmanaged<nint, int> CtxSetCurrent;
        public readonly delegate* unmanaged<int> CtxSynchronize;
        public readonly delegate* unmanaged<nint*, byte*, uint, int*, nint*, int> ModuleLoadDataEx;
        public readonly delegate* unmanaged<nint, int> ModuleUnload;
        public readonly delegate* unmanaged<nint*, nint, byte*, int> ModuleGetFunction;
        public readonly delegate* unmanaged<nint, int, int, int> FuncSetAttribute;
        public readonly delegate* unmanaged<ulong*, nuint, int> MemAlloc;
        public readonly delegate* unmanaged<ulong, int> MemFree;
        public readonly delegate* unmanaged<ulong, void*, nuint, int> MemcpyHtoD;
        public readonly delegate* unmanaged<void*, ulong, nuint, int> MemcpyDtoH;
        public readonly delegate* unmanaged<ulong, ulong, nuint, int> MemcpyDtoD;
        public readonly delegate* unmanaged<nint, uint, uint, uint, uint, uint, uint, uint, nint, void**, void**, int> LaunchKernel;

        public ComputeFunctions(IntPtr handle, CudaDriver driver)
        {
            PrimaryCtxRetain = (delegate* unmanaged<nint*, int, int>)driver.Export(handle, "cuDevicePrimaryCtxRetain");
            PrimaryCtxRelease = (delegate* unmanaged<int, int>)driver.Export(handle, "cuDevicePrimaryCtxRelease_v2");
            CtxSetCurrent = (delegate* unmanaged<nint, int>)driver.Export(handle, "cuCtxSetCurrent");
            CtxSynchronize = (delegate* unmanaged<int>)driver.Export(handle, "cuCtxSynchronize");
            ModuleLoadDataEx = (delegate* unmanaged<nint*, byte*, uint, int*, nint*, int>)driver.Export(handle, "cuModuleLoadDataEx");
            ModuleUnload = (delegate* unmanaged<nint, int>)driver.Export(handle, "cuModuleUnload");
            ModuleGetFunction = (delegate* unmanaged<nint*, nint, byte*, int>)driver.Export(handle, "cuModuleGetFunction");
            FuncSetAttribute = (delegate* unmanaged<nint, int, int, int>)driver.Export(handle, "cuFuncSetAttribute");
            MemAlloc = (delegate* unmanaged<ulong*, nuint, int>)driver.Export(handle, "cuMemAlloc_v2");
            MemFree = (delegate* unmanaged<ulong, int>)driver.Export(handle, "cuMemFree_v2");
            MemcpyHtoD = (delegate* unmanaged<ulong, void*, nuint, int>)driver.Export(handle, "cuMemcpyHtoD_v2");
            MemcpyDtoH = (delegate* unmanaged<void*, ulong, nuint, int>)driver.Export(handle, "cuMemcpyDtoH_v2");
            MemcpyDtoD = (delegate* unmanaged<ulong, ulong, nuint, int>)driver.Export(handle, "cuMemcpyDtoD_v2");
            LaunchKernel = (delegate* unmanaged<nint, uint, uint, uint, uint, uint, uint, uint, nint, void**, void**, int>)driver.Export(handle, "cuLaunchKernel");
        }
    }
}
