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
}
