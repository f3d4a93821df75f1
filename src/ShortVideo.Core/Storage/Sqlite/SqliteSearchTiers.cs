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
        var items = new List<(int Tier, long Doc, T Item)>(limit + 1);
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        var expression = command.Parameters.Add(new SqliteParameter { ParameterName = "$q" });
        var before = command.Parameters.Add(new SqliteParameter { ParameterName = "$after" });
        var rows = command.Parameters.Add(new SqliteParameter { ParameterName = "$n" });
        for (var tier = after?.Tier ?? 0; tier < tiers.Length && items.Count <= limit; tier++)
        {
            if (tiers[tier] is not { } text)
            {
                continue;
            }

            expression.Value = text;
            before.Value = after is not null && tier == after.Tier ? after.Position : long.MaxValue;
            rows.Value = limit + 1 - items.Count;
            using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                items.Add((tier, reader.GetInt64(0), read(reader)));
            }
        }

        return Page(items, scope, limit);
    }

    /// <summary>The first <paramref name="limit"/> of <paramref name="items"/> (one more says a next page exists).</summary>
    public static SearchPage<T> Page<T>(List<(int Tier, long Doc, T Item)> items, string scope, int limit)
    {
        if (items.Count <= limit)
        {
            return new SearchPage<T>([.. items.Select(i => i.Item)], null);
        }

        var last = items[limit - 1];
        return new SearchPage<T>([.. items.Take(limit).Select(i => i.Item)], new SearchCursor(scope, last.Tier, last.Doc));
    }
}
