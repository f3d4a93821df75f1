using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ShortVideo.Gpu.Retrieval;
using ShortVideo.Gpu.Tests.Emulation;
using ShortVideo.Ranking.Retrieval;

namespace ShortVideo.Gpu.Tests.Retrieval;

[Collection(Emulation.EmulatorCollection.Name)]
public sealed class RetrievalBackendSelectorTests
{
    private const string Missing = "/nonexistent/libcuda.so.1";

    [Fact]
    public void Auto_without_the_CUDA_driver_logs_one_line_saying_why_and_runs_on_the_CPU()
    {
        var log = new ListLoggerProvider();

        var backend = RetrievalBackendSelector.Create(log.CreateLogger("test"), new RetrievalOptions { CudaDriverLibrary = Missing });

        Assert.Same(CpuRetrievalBackend.Instance, backend);
        Assert.Equal((LogLevel.Information, $"Ranking retrieval runs on the CPU (SIMD): {Missing} not found (no NVIDIA driver)"), Assert.Single(log.Lines));
    }

    [Fact]
    public void Auto_with_the_default_driver_matches_the_machine()
    {
        var log = new ListLoggerProvider();

        var backend = RetrievalBackendSelector.Create(log.CreateLogger("test"), new RetrievalOptions());
        try
        {
            var line = Assert.Single(log.Lines).Message;
            if (GpuFactAttribute.SkipReason is null)
            {
                Assert.IsType<CudaTopK>(backend);
                Assert.StartsWith("Ranking retrieval runs on the GPU (CUDA, ", line, StringComparison.Ordinal);
            }
            else
            {
                Assert.Same(CpuRetrievalBackend.Instance, backend);
                Assert.StartsWith("Ranking retrieval runs on the CPU (SIMD): ", line, StringComparison.Ordinal);
            }
        }
        finally
        {
            (backend as IDisposable)?.Dispose();
        }
    }

    [Fact]
    public void Gpu_without_the_CUDA_driver_is_an_error_naming_the_setting_and_the_reason()
    {
        var log = new ListLoggerProvider();

        var e = Assert.Throws<InvalidOperationException>(() => RetrievalBackendSelector.Create(
            log.CreateLogger("test"), new RetrievalOptions { Device = RetrievalDevice.Gpu, CudaDriverLibrary = Missing }));

        Assert.Equal($"Ranking:Retrieval:Device is Gpu but retrieval cannot run on a GPU: {Missing} not found (no NVIDIA driver).", e.Message);
        Assert.Empty(log.Lines);
    }

    [Fact]
    public void Cpu_runs_on_the_CPU_and_says_it_was_asked_to()
    {
        var log = new ListLoggerProvider();

        var backend = RetrievalBackendSelector.Create(log.CreateLogger("test"), new RetrievalOptions { Device = RetrievalDevice.Cpu });

        Assert.Same(CpuRetrievalBackend.Instance, backend);
        Assert.Equal("Ranking retrieval runs on the CPU (SIMD): Ranking:Retrieval:Device is Cpu", Assert.Single(log.Lines).Message);
    }

    [Fact]
    public void A_library_that_is_not_the_CUDA_driver_falls_back_naming_the_missing_entry_point()
    {
        var log = new ListLoggerProvider();

        var backend = RetrievalBackendSelector.Create(log.CreateLogger("test"), new RetrievalOptions { CudaDriverLibrary = "libc.so.6" });

        Assert.Same(CpuRetrievalBackend.Instance, backend);
        Assert.Equal(
            "Ranking retrieval runs on the CPU (SIMD): libc.so.6 has no cuInit export (is it the NVIDIA CUDA driver?)",
            Assert.Single(log.Lines).Message);
    }

    [EmulatorFact]
    public void Auto_with_a_working_driver_runs_on_the_GPU_and_logs_the_device()
    {
        var log = new ListLoggerProvider();

        using var backend = Assert.IsType<CudaTopK>(RetrievalBackendSelector.Create(
            log.CreateLogger("test"), new RetrievalOptions { CudaDriverLibrary = EmulatedDriver.Library }));

        Assert.Equal(
            "Ranking retrieval runs on the GPU (CUDA, Emulated CUDA device (CPU fibers), compute capability 8.0); k above 1024 runs on the CPU",
            Assert.Single(log.Lines).Message);
    }

    [Fact]
    public async Task The_host_start_fails_with_the_reason_when_Device_is_Gpu_and_no_driver_loads()
    {
        using var services = Services(o =>
        {
            o.Device = RetrievalDevice.Gpu;
            o.CudaDriverLibrary = Missing;
        }, new ListLoggerProvider());

        var e = await Assert.ThrowsAsync<InvalidOperationException>(() => StartAsync(services));

        Assert.StartsWith("Ranking:Retrieval:Device is Gpu but retrieval cannot run on a GPU: ", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_host_start_logs_the_choice_once_and_the_ranker_gets_that_backend()
    {
        var log = new ListLoggerProvider();
        using var services = Services(o => o.CudaDriverLibrary = Missing, log);

        await StartAsync(services);

        Assert.Same(CpuRetrievalBackend.Instance, services.GetRequiredService<IRetrievalBackend>());
        Assert.Single(log.Lines, l => l.Message.StartsWith("Ranking retrieval runs on", StringComparison.Ordinal));
    }

    [Fact]
    public void A_device_value_outside_the_enum_is_refused_with_the_choices()
    {
        using var services = Services(o => o.Device = (RetrievalDevice)7, new ListLoggerProvider());

        var e = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IRetrievalBackend>());

        Assert.Contains("Ranking:Retrieval:Device must be Auto, Cpu or Gpu.", e.Message, StringComparison.Ordinal);
    }

    private static ServiceProvider Services(Action<RetrievalOptions> configure, ListLoggerProvider log)
    {
        var services = new ServiceCollection();
        services.AddLogging(b => b.AddProvider(log));
        services.AddShortVideo().AddRetrievalBackend(configure);
        return services.BuildServiceProvider();
    }

    private static async Task StartAsync(IServiceProvider services)
    {
        foreach (var hosted in services.GetServices<IHostedService>())
        {
            await hosted.StartAsync(CancellationToken.None);
        }
    }
}
