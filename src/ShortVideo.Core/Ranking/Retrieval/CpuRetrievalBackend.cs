namespace ShortVideo.Ranking.Retrieval;

/// <summary>Retrieval on the CPU: <see cref="ExactTopK"/>'s SIMD kernels over all cores. Stateless.</summary>
internal sealed class CpuRetrievalBackend : IRetrievalBackend
{
    private CpuRetrievalBackend()
    {
    }

    public static CpuRetrievalBackend Instance { get; } = new();

    public string Name => "CPU (SIMD)";

    public (long Id, float Score)[] TopK(ItemMatrixSnapshot snapshot, ReadOnlySpan<float> query, int k, ExclusionFilter? filter = null) =>
        ExactTopK.TopK(snapshot, query, k, filter);

    public (long Id, float Score)[][] TopKBatch(ItemMatrixSnapshot snapshot, ReadOnlySpan<float> queries, int k, ReadOnlySpan<ExclusionFilter?> filters = default) =>
        ExactTopK.TopKBatch(snapshot, queries, k, filters);
}
