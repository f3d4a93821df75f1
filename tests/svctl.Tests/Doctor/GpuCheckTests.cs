using ShortVideo.Cli.Doctor;
using ShortVideo.Cli.Doctor.Checks;
using ShortVideo.Gpu;

namespace svctl.Tests.Doctor;

public sealed class GpuCheckTests
{
    [Fact]
    public async Task No_GPU_is_skipped_with_the_probe_reason_not_a_failure()
    {
        var check = new GpuCheck(() => new GpuProbeResult(false, 0, [], "libcuda.so.1 not found (no NVIDIA driver)"));

        var result = await check.RunAsync(CancellationToken.None);

        Assert.Equal(CheckStatus.Skipped, result.Status);
        Assert.Equal("No usable GPU: libcuda.so.1 not found (no NVIDIA driver). Ranking uses the CPU path.", result.Detail);
    }

    [Fact]
    public async Task GPU_present_is_ok_listing_each_device()
    {
        var check = new GpuCheck(() => new GpuProbeResult(true, 12040,
        [
            new GpuDevice(0, "NVIDIA H100 80GB HBM3", 80L << 30, 9, 0),
            new GpuDevice(1, "NVIDIA L4", 24L << 30, 8, 9),
        ], null));

        var result = await check.RunAsync(CancellationToken.None);

        Assert.Equal(CheckStatus.Ok, result.Status);
        Assert.Equal("NVIDIA H100 80GB HBM3 (80 GiB, compute 9.0); NVIDIA L4 (24 GiB, compute 8.9); CUDA driver 12.4.", result.Detail);
        Assert.Equal(2, result.Facts!["devices"]!.AsArray().Count);
    }

    [Fact]
    public async Task Real_probe_on_this_machine_never_fails_the_doctor()
    {
        var result = await new GpuCheck().RunAsync(CancellationToken.None);

        Assert.NotEqual(CheckStatus.Fail, result.Status);
    }
}
