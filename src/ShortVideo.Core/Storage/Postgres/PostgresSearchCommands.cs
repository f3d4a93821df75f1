using Npgsql;

namespace ShortVideo.Storage.Postgres;

/// <summary>
/// Positional-parameter statements ($1, $2, ...) on a connection, for the search and inbox stores. A lone array
/// argument must be cast to object: C# would otherwise spread a string[] as the params array itself.
/// </summary>
internal static class PostgresSearchCommands
{
    public static NpgsqlCommand Bind(NpgsqlConnection connection, NpgsqlTransaction? transaction, string sql, params object[] values)
    {
        var command = new NpgsqlCommand(sql, connection, transaction);
        foreach (var value in values)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        }

        return command;
    }

    public static async Task<int> ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, string sql, CancellationToken cancellationToken, params object[] values)
    {
        using var command = Bind(connection, transaction, sql, values);
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public static async Task<List<string>> ReadStringsAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, string sql, CancellationToken cancellationToken, params object[] values)
    {
        using var command = Bind(connection, transaction, sql, values);
        var found = new List<string>();
        using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            found.Add(reader.GetString(0));
        }

        return found;
    }
}
