using Microsoft.Data.Sqlite;

namespace ShortVideo.Storage.Sqlite;

/// <summary>
/// The bulk imports' one write: a prepared INSERT OR IGNORE run for every row in one transaction, so a batch costs
/// one commit (svctl seed writes a million rows in seconds, not one fsync per row).
/// </summary>
internal static class SqliteBulkInsert
{
    /// <summary>Inserts <paramref name="rows"/>; returns those that were new (an existing key is left as it is).</summary>
    public static async Task<List<T>> InsertNewAsync<T>(
        SqliteDatabase database, string sql, IReadOnlyList<T> rows, Action<SqliteParameterCollection, T> bind, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var added = new List<T>(rows.Count);
        if (rows.Count == 0)
        {
            return added;
        }

        var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var transaction = connection.BeginTransaction();
            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = sql;
            foreach (var row in rows)
            {
                command.Parameters.Clear();
                bind(command.Parameters, row);
                if (await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1)
                {
                    added.Add(row);
                }
            }

            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        }

        return added;
    }
}
