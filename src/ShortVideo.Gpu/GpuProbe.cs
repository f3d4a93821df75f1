using ShortVideo.Gpu.Cuda;

namespace ShortVideo.Gpu;

/// <summary>
/// Finds NVIDIA GPUs through the CUDA driver API. Never throws for a missing driver or device: the CPU
/// path is the default and the result says why the GPU one is not available.
/// </summary>
public static class GpuProbe
{
    /// <summary>Loads libcuda.so.1, initialises the driver and lists the devices with name, memory and compute capability.</summary>
    public static GpuProbeResult Probe() => Probe(CudaDriver.DefaultLibrary);

    internal static GpuProbeResult Probe(string library)
    {
        var driver = CudaDriver.TryLoad(library, out var problem);
        if (driver is null)
        {
            return GpuProbeResult.Absent(problem!);
        }

        var result = driver.Init();
        if (result != CudaErrors.Success)
        {
            return GpuProbeResult.Absent($"cuInit failed: {driver.ErrorName(result)}");
        }

        result = driver.DriverGetVersion(out var version);
        if (result != CudaErrors.Success)
        {
            return GpuProbeResult.Absent($"cuDriverGetVersion failed: {driver.ErrorName(result)}");
        }

        result = driver.DeviceGetCount(out var count);
        if (result != CudaErrors.Success)
        {
            return GpuProbeResult.Absent($"cuDeviceGetCount failed: {driver.ErrorName(result)}", version);
        }

        if (count == 0)
        {
            return GpuProbeResult.Absent("the CUDA driver reports no devices", version);
        }

        var devices = new List<GpuDevice>(count);
        for (var ordinal = 0; ordinal < count; ordinal++)
        {
            var (device, failure) = Describe(driver, ordinal);
            if (device is null)
            {
                return GpuProbeResult.Absent(failure!, version);
            }

            devices.Add(device);
        }

        return new GpuProbeResult(true, version, devices, null);
    }

    private static (GpuDevice? Device, string? Failure) Describe(CudaDriver driver, int ordinal)
    {
        var name = string.Empty;
        long bytes = 0;
        int major = 0, minor = 0;
        var result = driver.DeviceGet(ordinal, out var device);
        result = result != CudaErrors.Success ? result : driver.DeviceGetName(device, out name);
        result = result != CudaErrors.Success ? result : driver.DeviceTotalMemory(device, out bytes);
        result = result != CudaErrors.Success ? result : driver.DeviceComputeCapability(device, out major, out minor);
        return result == CudaErrors.Success
            ? (new GpuDevice(ordinal, name, bytes, major, minor), null)
            : (null, $"querying CUDA device {ordinal} failed: {driver.ErrorName(result)}");
    }
}
