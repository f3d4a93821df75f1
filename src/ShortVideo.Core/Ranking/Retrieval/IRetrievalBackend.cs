namespace ShortVideo.Ranking.Retrieval;

/// <summary>
/// Where exact top-k retrieval over an <see cref="ItemMatrixSnapshot"/> runs: the CPU's SIMD scan
/// (<see cref="CpuRetrievalBackend"/>) or, with ShortVideo.Gpu, CUDA kernels. Every backend answers like
/// <see cref="ExactTopK"/>: hits sorted by score descending, ties by id ascending; k above the catalog's size
/// returns every row that is not excluded; an empty catalog returns no hits; bad arguments throw the same
/// exceptions (<see cref="RetrievalArguments"/>). Implementations are safe to call from many threads.
/// Implement it to run retrieval elsewhere (ShortVideo.Gpu does for NVIDIA GPUs); register it as a singleton.
/// </summary>
public interface IRetrievalBackend
{
    /// <summary>For logs and reports, for example "CPU (SIMD)".</summary>
    string Name { get; }

    /// <summary>The best <paramref name="k"/> rows for one query; <paramref name="filter"/> flags rows of this snapshot to leave out.</summary>
    (long Id, float Score)[] TopK(ItemMatrixSnapshot snapshot, ReadOnlySpan<float> query, int k, ExclusionFilter? filter = null);

    /// <summary>
    /// The best <paramref name="k"/> rows for each of the <c>queries.Length / Dimension</c> queries (row-major).
    /// <paramref name="filters"/>: empty for none, one shared by every query, or one per query.
    /// </summary>
    (long Id, float Score)[][] TopKBatch(ItemMatrixSnapshot snapshot, ReadOnlySpan<float> queries, int k, ReadOnlySpan<ExclusionFilter?> filters = default);
}
