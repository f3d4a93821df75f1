using System.Text;
using ShortVideo.Gpu.Cuda;
using ShortVideo.Gpu.Tests.Emulation;

namespace ShortVideo.Gpu.Tests.Retrieval;

/// <summary>
/// The whole GPU path (driver binding, device mirror, launches, both phases, id mapping) with the kernels
/// running on the CPU emulator: runs wherever clang++ 14 is, so CI checks the kernels' logic without a GPU.
/// </summary>
[Collection(Emulation.EmulatorCollection.Name)]
public sealed class CudaTopKEmulatedTests(EmulatedBackend backend) : IClassFixture<EmulatedBackend>
{
    public static TheoryData<string> Scenarios() => TopKAgreement.Scenarios();

    [EmulatorTheory]
    [MemberData(nameof(Scenarios))]
    public void The_GPU_path_on_the_emulator_answers_like_the_CPU(string scenario) =>
        new TopKAgreement(backend.Value, full: false, () => EmulatedDriver.Launches).Run(scenario);

    [EmulatorFact]
    public void The_backend_names_the_device_and_answers_k_up_to_1024_itself()
    {
        Assert.Equal("GPU (CUDA, Emulated CUDA device (CPU fibers), compute capability 8.0)", backend.Value.Name);
        Assert.Equal(1024, backend.Value.MaxK);
    }

    [EmulatorFact]
    public void A_PTX_the_driver_rejects_is_an_exception_carrying_the_JIT_log()
    {
        var driver = CudaDriver.TryLoad(EmulatedDriver.Library, out _)!;

        var e = Assert.Throws<CudaException>(() => driver.LoadModule(Encoding.ASCII.GetBytes(".version 7.0\n.target sm_80\n\0")));

        Assert.Equal(
            "cuModuleLoadDataEx failed: CUDA_ERROR_INVALID_PTX: ptxas fatal   : emulator: the image lacks the topk entry points",
            e.Message);
        Assert.Equal(218, e.Result);
    }
}
