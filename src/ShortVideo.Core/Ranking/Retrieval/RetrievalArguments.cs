using System.Globalization;

namespace ShortVideo.Ranking.Retrieval;

/// <summary>
/// The argument checks every <see cref="IRetrievalBackend"/> makes before scoring, so that the CPU and the GPU
/// reject the same inputs with the same sentences. A backend of your own calls them first.
/// </summary>
public static class RetrievalArguments
{
    /// <summary>Checks one query: k of at least 1, the catalog's dimension, finite values, a filter of this snapshot.</summary>
    public static void CheckQuery(ItemMatrixSnapshot snapshot, ReadOnlySpan<float> query, int k, ExclusionFilter? filter)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        VectorValidation.Check(query, snapshot.Dimension, VectorPrecision.Fp32, "query", nameof(query));
        CheckFilter(snapshot, filter);
    }

    /// <summary>
    /// Checks a row-major batch and returns each query's filter: <paramref name="filters"/> is empty for none,
    /// one shared by every query, or one per query.
    /// </summary>
    public static ExclusionFilter?[] CheckBatch(ItemMatrixSnapshot snapshot, ReadOnlySpan<float> queries, int k, ReadOnlySpan<ExclusionFilter?> filters)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        var dimension = snapshot.Dimension;
        if (queries.Length == 0 || queries.Length % dimension != 0)
        {
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"The batch has {queries.Length} values, not a positive multiple of the catalog's dimension {dimension}."),
                nameof(queries));
        }

        var batch = queries.Length / dimension;
        if (filters.Length != 0 && filters.Length != 1 && filters.Length != batch)
        {
            throw new ArgumentException($"Give no filter, one for every query, or one per query ({batch}); {filters.Length} were given.", nameof(filters));
        }

        var perQuery = new ExclusionFilter?[batch];
        for (var i = 0; i < batch; i++)
        {
            VectorValidation.Check(queries.Slice(i * dimension, dimension), dimension, VectorPrecision.Fp32, $"query {i} of the batch", nameof(queries));
            perQuery[i] = filters.Length == 0 ? null : filters[filters.Length == 1 ? 0 : i];
            CheckFilter(snapshot, perQuery[i]);
        }

        return perQuery;
    }

    private static void CheckFilter(ItemMatrixSnapshot snapshot, ExclusionFilter? filter)
    {
        if (filter is not null && filter.Rows != snapshot.Count)
        {
            throw new ArgumentException(
                $"The exclusion filter covers {filter.Rows} rows but the snapshot has {snapshot.Count}; build it from the same snapshot.",
                nameof(filter));
        }
    }
}
