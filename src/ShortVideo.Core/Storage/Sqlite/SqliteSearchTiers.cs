using Microsoft.Data.Sqlite;
using ShortVideo.Search;

namespace ShortVideo.Storage.Sqlite;

/// <summary>
/// Pages through the relevance tiers of a search (<see cref="SearchPlan"/>): each tier is one full-text query read
/// newest first from the cursor's position and stopped at the page's limit, so a page costs a few short range reads
/// whatever the number of matches.
/// </summary>
internal static class SqliteSearchTiers
{
    /// <summary>
    /// Runs <paramref name="sql"/> (parameters $q: the tier's expression, $after: exclusive upper document key,
    /// $n: rows; column 0: the document key) tier after tier from <paramref name="after"/>.
    /// </summary>
    public static async Task<SearchPage<T>> PageAsync<T>(
        SqliteConnection connection, string sql, string?[] tiers, string scope, SearchCursor? after, int limit, Func<SqliteDataReader, T> read, CancellationToken cancellationToken)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Parameters.Add(new SqliteParameter { ParameterName = "$q" });
        command.Parameters.Add(new SqliteParameter { ParameterName = "$after" });
        command.Parameters.Add(new SqliteParameter { ParameterName = "$n" });
        return await SearchReads.TiersAsync(command, tiers, scope, after, limit, r => read((SqliteDataReader)r), cancellationToken).ConfigureAwait(false);
    }
}
