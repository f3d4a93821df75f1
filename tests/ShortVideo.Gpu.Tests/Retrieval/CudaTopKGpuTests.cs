using ShortVideo.Ranking.Retrieval;

namespace ShortVideo.Gpu.Tests.Retrieval;

/// <summary>The kernels on a real NVIDIA GPU: PTX JIT, hardware warps, device memory. Skipped where none is usable.</summary>
[Trait("Category", "Gpu")]
public sealed class CudaTopKGpuTests(GpuBackend backend) : IClassFixture<GpuBackend>
{
    public static TheoryData<string> Scenarios() => TopKAgreement.Scenarios();

    [GpuTheory]
    [MemberData(nameof(Scenarios))]
    public void The_GPU_answers_like_the_CPU(string scenario) => new TopKAgreement(backend.Value, full: true).Run(scenario);

    [GpuFact]
    public void The_backend_names_the_GPU_and_answers_k_up_to_1024_itself()
    {
        Assert.StartsWith("GPU (CUDA, NVIDIA ", backend.Value.Name, StringComparison.Ordinal);
        Assert.Equal(1024, backend.Value.MaxK);
    }

    [GpuFact]
    public void A_million_rows_by_64_answer_like_the_CPU_for_a_batch_of_64()
    {
        var snapshot = Answers.RandomCatalog(1_000_000, 64, VectorPrecision.Fp32, seed: 1).Snapshot;
        var queries = Core.Tests.Ranking.Retrieval.RetrievalReference.RandomVectors(64, 64, seed: 2);

        var gpu = backend.Value.TopKBatch(snapshot, queries, 100);
        var cpu = ExactTopK.TopKBatch(snapshot, queries, 100);

        for (var q = 0; q < 64; q++)
        {
            var cpuIds = cpu[q].Select(h => h.Id).ToHashSet();
            // Different summation orders may swap near-tied neighbours at the boundary, not more.
            Assert.True(gpu[q].Count(h => !cpuIds.Contains(h.Id)) <= 2, $"query {q}");
            Assert.Equal(cpu[q][0].Score, gpu[q][0].Score, 1e-3f);
        }
    }
}
