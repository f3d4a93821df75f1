using System.Runtime.InteropServices;
using System.Text;

namespace ShortVideo.Gpu.Cuda;

/// <summary>
/// The CUDA driver API (libcuda.so.1, installed with the NVIDIA driver) bound through function pointers
/// resolved with <see cref="NativeLibrary"/>: a machine without the driver gets a sentence, not a
/// DllNotFoundException. This file: loading and the device queries of <see cref="GpuProbe"/>; the calls
/// that run kernels are in CudaDriver.Compute.cs.
/// </summary>
internal sealed unsafe partial class CudaDriver
{
    public static readonly string DefaultLibrary = OperatingSystem.IsWindows() ? "nvcuda.dll" : "libcuda.so.1";

    // CUdevice_attribute values from cuda.h.
    private const int ComputeCapabilityMajorAttribute = 75;
    private const int ComputeCapabilityMinorAttribute = 76;

    private readonly string _library;
    private readonly delegate* unmanaged<uint, int> _init;
    private readonly delegate* unmanaged<int*, int> _driverGetVersion;
    private readonly delegate* unmanaged<int*, int> _deviceGetCount;
    private readonly delegate* unmanaged<int*, int, int> _deviceGet;
    private readonly delegate* unmanaged<byte*, int, int, int> _deviceGetName;
    private readonly delegate* unmanaged<nuint*, int, int> _deviceTotalMem;
    private readonly delegate* unmanaged<int*, int, int, int> _deviceGetAttribute;
    private readonly delegate* unmanaged<int, byte**, int> _getErrorName;

    private CudaDriver(string library, IntPtr handle)
    {
        _library = library;
        _init = (delegate* unmanaged<uint, int>)Export(handle, "cuInit");
        _driverGetVersion = (delegate* unmanaged<int*, int>)Export(handle, "cuDriverGetVersion");
        _deviceGetCount = (delegate* unmanaged<int*, int>)Export(handle, "cuDeviceGetCount");
        _deviceGet = (delegate* unmanaged<int*, int, int>)Export(handle, "cuDeviceGet");
        _deviceGetName = (delegate* unmanaged<byte*, int, int, int>)Export(handle, "cuDeviceGetName");
        _deviceTotalMem = (delegate* unmanaged<nuint*, int, int>)Export(handle, "cuDeviceTotalMem_v2");
        _deviceGetAttribute = (delegate* unmanaged<int*, int, int, int>)Export(handle, "cuDeviceGetAttribute");
        _getErrorName = NativeLibrary.TryGetExport(handle, "cuGetErrorName", out var errorName)
            ? (delegate* unmanaged<int, byte**, int>)errorName
            : null;
        _compute = new ComputeFunctions(handle, this);
    }

    /// <summary>Loads <paramref name="library"/> and binds the entry points; on failure says why.</summary>
    public static CudaDriver? TryLoad(string library, out string? problem)
    {
        if (!NativeLibrary.TryLoad(library, typeof(CudaDriver).Assembly, null, out var handle))
        {
            problem = $"{library} not found (no NVIDIA driver)";
            return null;
        }

        try
        {
            problem = null;
            return new CudaDriver(library, handle);
        }
        catch (EntryPointNotFoundException missing)
        {
            // The library stays loaded: unloading a driver library mid-process is riskier than a few pages.
            problem = missing.Message;
            return null;
        }
    }

    public int Init() => _init(0);

    public int DriverGetVersion(out int version)
    {
        int value;
        var result = _driverGetVersion(&value);
        version = value;
        return result;
    }

    public int DeviceGetCount(out int count)
    {
        int value;
        var result = _deviceGetCount(&value);
        count = value;
        return result;
    }

    public int DeviceGet(int ordinal, out int device)
    {
        int value;
        var result = _deviceGet(&value, ordinal);
        device = value;
        return result;
    }

    public int DeviceGetName(int device, out string name)
    {
        const int Capacity = 256;
        var buffer = stackalloc byte[Capacity];
        var result = _deviceGetName(buffer, Capacity, device);
        name = result == CudaErrors.Success
            ? Encoding.UTF8.GetString(buffer, new ReadOnlySpan<byte>(buffer, Capacity).IndexOf((byte)0) is var end and >= 0 ? end : Capacity)
            : string.Empty;
        return result;
    }

    public int DeviceTotalMemory(int device, out long bytes)
    {
        nuint value;
        var result = _deviceTotalMem(&value, device);
        bytes = (long)value;
        return result;
    }

    public int DeviceComputeCapability(int device, out int major, out int minor)
    {
        var result = DeviceAttribute(device, ComputeCapabilityMajorAttribute, out major);
        minor = 0;
        return result == CudaErrors.Success ? DeviceAttribute(device, ComputeCapabilityMinorAttribute, out minor) : result;
    }

    /// <summary>The CUresult's name from the driver ("CUDA_ERROR_NO_DEVICE"), or from our table.</summary>
    public string ErrorName(int result)
    {
        byte* name = null;
        if (_getErrorName is not null && _getErrorName(result, &name) == CudaErrors.Success && name is not null)
        {
            return Marshal.PtrToStringUTF8((IntPtr)name) ?? CudaErrors.Name(result);
        }

        return CudaErrors.Name(result);
    }

    public int DeviceAttribute(int device, int attribute, out int value)
    {
        int result;
        var status = _deviceGetAttribute(&result, attribute, device);
        value = status == CudaErrors.Success ? result : 0;
        return status;
    }

    private IntPtr Export(IntPtr handle, string name) =>
        NativeLibrary.TryGetExport(handle, name, out var address)
            ? address
            : throw new EntryPointNotFoundException($"{_library} has no {name} export (is it the NVIDIA CUDA driver?)");
}
