namespace ShortVideo.Ranking.Retrieval;

/// <summary>Retrieval on the CPU: <see cref="ExactTopK"/>'s SIMD kernels over all cores. Stateless.</summary>
public sealed class CpuRetrievalBackend : IRetrievalBackend
{
    private CpuRetrievalBackend()
    {
    }

    /// <summary>The one instance.</summary>
    public static CpuRetrievalBackend Instance { get; } = new();

    /// <inheritdoc/>
    public string Name => "CPU (SIMD)";

    /// <inheritdoc/>
    public (long Id, float Score)[] TopK(ItemMatrixSnapshot snapshot, ReadOnlySpan<float> query, int k, ExclusionFilter? filter = null) =>
        ExactTopK.TopK(snapshot, query, k, filter);

    /// <inheritdoc/>
    public (long Id, float Score)[][] TopKBatch(ItemMatrixSnapshot snapshot, ReadOnlySpan<float> queries, int k, ReadOnlySpan<ExclusionFilter?> filters = default) =>
        ExactTopK.TopKBatch(snapshot, queries, k, filters);
}
