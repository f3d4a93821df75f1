namespace ShortVideo.Ranking.Retrieval;

/// <summary>Queries against the latest snapshot; a filter must be built from that same snapshot, so callers with filters take <see cref="Snapshot"/> first.</summary>
public sealed partial class ItemMatrix
{
    /// <summary>Top-k of one query on the CPU (<see cref="CpuRetrievalBackend"/>) over the latest snapshot.</summary>
    public (long Id, float Score)[] TopK(ReadOnlySpan<float> query, int k, ExclusionFilter? filter = null) =>
        ExactTopK.TopK(Snapshot, query, k, filter);

    /// <summary>Top-k of each query of a row-major batch on the CPU over the latest snapshot.</summary>
    public (long Id, float Score)[][] TopKBatch(ReadOnlySpan<float> queries, int k, ReadOnlySpan<ExclusionFilter?> filters = default) =>
        ExactTopK.TopKBatch(Snapshot, queries, k, filters);
}
