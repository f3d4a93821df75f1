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

    /// <summary>Runs <paramref name="sql"/> with <paramref name="values"/> as $1, $2, ... inside <paramref name="transaction"/>.</summary>
    public static async Task ExecuteAsync(this SqliteConnection connection, SqliteTransaction? transaction, string sql, CancellationToken cancellationToken, params object[] values)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        for (var i = 0; i < values.Length; i++)
        {
            command.Parameters.AddWithValue(string.Create(CultureInfo.InvariantCulture, $"${i + 1}"), values[i]);
        }

        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
