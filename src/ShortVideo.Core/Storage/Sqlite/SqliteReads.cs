using System.Globalization;
using Microsoft.Data.Sqlite;

namespace ShortVideo.Storage.Sqlite;

/// <summary>Small reading helpers shared by the SQLite stores.</summary>
internal static class SqliteReads
{
    /// <summary>The first column of every row, as strings (id lists).</summary>
    public static Task<List<string>> ReadStringsAsync(this SqliteCommand command, CancellationToken cancellationToken) =>
        command.ReadStringsAtAsync(0, cancellationToken);

    /// <summary>Column <paramref name="ordinal"/> of every row, as strings.</summary>
    public static async Task<List<string>> ReadStringsAtAsync(this SqliteCommand command, int ordinal, CancellationToken cancellationToken)
    {
        var values = new List<string>();
        using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            values.Add(reader.GetString(ordinal));
        }

        return values;
    }

    /// <summary>
    /// Binds <paramref name="ids"/> as one JSON array parameter, read in SQL as <c>IN (SELECT value FROM json_each($name))</c>:
    /// a list of any length in one statement, without building SQL text from values.
    /// </summary>
    public static void AddIdList(this SqliteParameterCollection parameters, string name, IEnumerable<string> ids) =>
        parameters.AddWithValue(name, System.Text.Json.JsonSerializer.Serialize<IReadOnlyList<string>>([.. ids], SqliteJson.Default.IReadOnlyListString));

    /// <summary>Runs one statement on a connection of its own; returns the rows it changed.</summary>
    public static async Task<int> ExecuteAsync(this SqliteDatabase database, string sql, Action<SqliteParameterCollection> bind, CancellationToken cancellationToken)
    {
        var writer = await database.OpenWriterAsync(cancellationToken).ConfigureAwait(false);
        await using (writer.ConfigureAwait(false))
        {
            var connection = writer.Connection;
            using var command = connection.CreateCommand();
            command.CommandText = sql;
            bind(command.Parameters);
            return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Runs one query on a connection of its own; returns its first column as strings.</summary>
    public static async Task<List<string>> QueryListAsync(this SqliteDatabase database, string sql, Action<SqliteParameterCollection> bind, CancellationToken cancellationToken)
    {
        var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = connection.CreateCommand();
            command.CommandText = sql;
            bind(command.Parameters);
            return await command.ReadStringsAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Runs one query on a connection of its own; returns its first column as a set.</summary>
    public static async Task<IReadOnlySet<string>> QuerySetAsync(this SqliteDatabase database, string sql, Action<SqliteParameterCollection> bind, CancellationToken cancellationToken) =>
        new HashSet<string>(await database.QueryListAsync(sql, bind, cancellationToken).ConfigureAwait(false), StringComparer.Ordinal);
    /// <summary>Runs <paramref name="sql"/> with <paramref name="values"/> as $1, $2, ... inside <paramref name="transaction"/>.</summary>
    public static async Task ExecuteAsync(this SqliteConnection connection, SqliteTransaction? transaction, string sql, CancellationToken cancellationToken, params object[] values)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.Parameters.AddPositional(values);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Binds <paramref name="values"/> as $1, $2, ... (the statements both metadata engines share).</summary>
    public static void AddPositional(this SqliteParameterCollection parameters, params object[] values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            parameters.AddWithValue(string.Create(CultureInfo.InvariantCulture, $"${i + 1}"), values[i]);
        }
    }
}
