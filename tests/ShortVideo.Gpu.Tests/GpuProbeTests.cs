using System.Runtime.InteropServices;

namespace ShortVideo.Gpu.Tests;

public sealed class GpuProbeTests
{
    private static bool DriverLibraryLoads()
    {
        if (!NativeLibrary.TryLoad("libcuda.so.1", out var handle))
        {
            return false;
        }

        NativeLibrary.Free(handle);
        return true;
    }

    [Fact]
    public void Probe_matches_the_machine_absent_with_a_reason_naming_libcuda_where_no_driver_is_installed()
    {
        // The test reads the environment itself, so it asserts the right thing on a GPU machine too.
        var result = GpuProbe.Probe();

        if (!DriverLibraryLoads())
        {
            Assert.False(result.Present);
            Assert.Equal("libcuda.so.1 not found (no NVIDIA driver)", result.Reason);
            Assert.Empty(result.Devices);
        }
        else if (File.Exists("/dev/nvidiactl"))
        {
            Assert.True(result.Present, result.Reason);
            Assert.NotEmpty(result.Devices);
        }
        else
        {
            Assert.DoesNotContain("not found", result.Reason ?? string.Empty, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Probe_of_a_library_that_does_not_exist_is_a_result_not_an_exception()
    {
        var result = GpuProbe.Probe("libcuda-does-not-exist.so.9");

        Assert.False(result.Present);
        Assert.Equal("libcuda-does-not-exist.so.9 not found (no NVIDIA driver)", result.Reason);
        Assert.Equal(0, result.DriverVersion);
        Assert.Null(result.DriverVersionText);
    }

    [Fact]
    public void Probe_of_a_library_without_the_CUDA_entry_points_says_which_one_is_missing()
    {
        var result = GpuProbe.Probe("libc.so.6");

        Assert.False(result.Present);
        Assert.Equal("libc.so.6 has no cuInit export (is it the NVIDIA CUDA driver?)", result.Reason);
    }

    [Theory]
    [InlineData(12040, "12.4")]
    [InlineData(12080, "12.8")]
    [InlineData(11020, "11.2")]
    [InlineData(13000, "13.0")]
    public void Driver_version_is_shown_as_major_dot_minor(int encoded, string expected)
    {
        Assert.Equal(expected, new GpuProbeResult(true, encoded, [], null).DriverVersionText);
    }

    [Fact]
    public void Compute_capability_is_shown_as_major_dot_minor()
    {
        Assert.Equal("9.0", new GpuDevice(0, "NVIDIA H100", 80L << 30, 9, 0).ComputeCapability);
    }

    [Fact]
    public void CUresult_codes_have_their_cuda_h_names_when_the_driver_cannot_name_them()
    {
        Assert.Equal("CUDA_ERROR_NO_DEVICE", Cuda.CudaErrors.Name(100));
        Assert.Equal("CUDA_ERROR_INSUFFICIENT_DRIVER", Cuda.CudaErrors.Name(35));
        Assert.Equal("CUresult 12345", Cuda.CudaErrors.Name(12345));
    }

    [GpuFact]
    [Trait("Category", "Gpu")]
    public void Probe_on_a_GPU_machine_lists_each_device_with_name_memory_and_compute_capability()
    {
        var result = GpuProbe.Probe();

        Assert.True(result.Present);
        Assert.Null(result.Reason);
        Assert.True(result.DriverVersion >= 10000, $"driver version {result.DriverVersion}");
        Assert.Equal(Enumerable.Range(0, result.Devices.Count), result.Devices.Select(d => d.Ordinal));
        Assert.All(result.Devices, device =>
        {
            Assert.False(string.IsNullOrWhiteSpace(device.Name));
            Assert.True(device.TotalMemoryBytes > 1L << 30, $"{device.Name}: {device.TotalMemoryBytes} bytes");
            Assert.InRange(device.ComputeCapabilityMajor, 3, 20);
        });
    }

    [GpuFact]
    [Trait("Category", "Gpu")]
    public void Probing_twice_gives_the_same_devices()
    {
        Assert.Equal(GpuProbe.Probe().Devices, GpuProbe.Probe().Devices);
    }
}
