namespace ShortVideo.Ranking.Retrieval;

/// <summary>Queries against the latest snapshot; a filter must be built from that same snapshot, so callers with filters take <see cref="Snapshot"/> first.</summary>
internal sealed partial class ItemMatrix
{
    public (long Id, float Score)[] TopK(ReadOnlySpan<float> query, int k, ExclusionFilter? filter = null) =>
        ExactTopK.TopK(Snapshot, query, k, filter);

    public (long Id, float Score)[][] TopKBatch(ReadOnlySpan<float> queries, int k, ReadOnlySpan<ExclusionFilter?> filters = default) =>
        ExactTopK.TopKBatch(Snapshot, queries, k, filters);
}
