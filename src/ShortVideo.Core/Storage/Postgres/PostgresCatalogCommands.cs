using Npgsql;

namespace ShortVideo.Storage.Postgres;

/// <summary>Small command helpers of the catalog family's stores (uploads, videos, fingerprints).</summary>
internal static class PostgresCatalogCommands
{
    /// <summary>A command on <paramref name="connection"/> with <paramref name="values"/> as $1, $2, ... (null is SQL NULL).</summary>
    public static NpgsqlCommand Command(NpgsqlConnection connection, string sql, params object?[] values)
    {
        var command = new NpgsqlCommand(sql, connection);
        foreach (var value in values)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value ?? DBNull.Value });
        }

        return command;
    }

    /// <summary>A statement of a <see cref="NpgsqlBatch"/> with <paramref name="values"/> as $1, $2, ... (null is SQL NULL).</summary>
    public static NpgsqlBatchCommand Statement(string sql, params object?[] values)
    {
        var statement = new NpgsqlBatchCommand(sql);
        foreach (var value in values)
        {
            statement.Parameters.Add(new NpgsqlParameter { Value = value ?? DBNull.Value });
        }

        return statement;
    }

    /// <summary>Runs one statement on a pooled connection of its own; returns the rows it changed.</summary>
    public static async Task<int> ExecuteAsync(PostgresDatabase database, string sql, CancellationToken cancellationToken, params object?[] values)
    {
        var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = Command(connection, sql, values);
            return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Runs one query on a pooled connection of its own and maps every row with <paramref name="read"/>.</summary>
    public static async Task<List<T>> QueryAsync<T>(PostgresDatabase database, string sql, Func<NpgsqlDataReader, T> read, CancellationToken cancellationToken, params object?[] values)
    {
        var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = Command(connection, sql, values);
            return await ReadAllAsync(command, read, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Every row of <paramref name="command"/>, mapped with <paramref name="read"/>.</summary>
    public static async Task<List<T>> ReadAllAsync<T>(NpgsqlCommand command, Func<NpgsqlDataReader, T> read, CancellationToken cancellationToken)
    {
        var rows = new List<T>();
        using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            rows.Add(read(reader));
        }

        return rows;
    }
}
