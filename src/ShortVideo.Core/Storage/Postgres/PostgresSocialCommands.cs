using Npgsql;

namespace ShortVideo.Storage.Postgres;

/// <summary>
/// One-statement helpers of the social and interaction stores: positional parameters ($1, $2, ...) bound from
/// <c>values</c> (a <c>string[]</c> is a <c>text[]</c>, read in SQL with <c>= ANY($n)</c> or <c>unnest</c>). An array
/// that is the only value goes in brackets (<c>[ids]</c>): alone it would be taken for the whole list of values.
/// </summary>
internal static class PostgresSocialCommands
{
    /// <summary>A command on <paramref name="connection"/> with <paramref name="values"/> bound in order.</summary>
    public static NpgsqlCommand Command(this NpgsqlConnection connection, string sql, params object?[] values)
    {
        var command = new NpgsqlCommand(sql, connection);
        foreach (var value in values)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value ?? DBNull.Value });
        }

        return command;
    }

    /// <summary>Runs one statement on a pooled connection; returns the rows it changed.</summary>
    public static async Task<int> ExecuteAsync(this PostgresDatabase database, string sql, CancellationToken cancellationToken, params object?[] values)
    {
        var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = connection.Command(sql, values);
            return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Runs one query on a pooled connection; returns its first column as strings.</summary>
    public static async Task<List<string>> QueryListAsync(this PostgresDatabase database, string sql, CancellationToken cancellationToken, params object?[] values)
    {
        var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = connection.Command(sql, values);
            var list = new List<string>();
            using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                list.Add(reader.GetString(0));
            }

            return list;
        }
    }

    /// <summary>Runs one query on a pooled connection; returns its first column as a set.</summary>
    public static async Task<IReadOnlySet<string>> QuerySetAsync(this PostgresDatabase database, string sql, CancellationToken cancellationToken, params object?[] values) =>
        new HashSet<string>(await database.QueryListAsync(sql, cancellationToken, values).ConfigureAwait(false), StringComparer.Ordinal);

    /// <summary>
    /// Runs <paramref name="statements"/>, each with all of <paramref name="values"/> bound as $1, $2, ..., in one round
    /// trip and one transaction (a batch is one implicit transaction); returns the rows each changed or read.
    /// </summary>
    public static async Task<int[]> BatchAsync(this PostgresDatabase database, string[] statements, object?[] values, CancellationToken cancellationToken)
    {
        var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var batch = new NpgsqlBatch(connection);
            foreach (var sql in statements)
            {
                var statement = new NpgsqlBatchCommand(sql);
                foreach (var value in values)
                {
                    statement.Parameters.Add(new NpgsqlParameter { Value = value ?? DBNull.Value });
                }

                batch.BatchCommands.Add(statement);
            }

            await batch.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            return [.. batch.BatchCommands.Select(static (NpgsqlBatchCommand c) => (int)c.Rows)];
        }
    }
}
