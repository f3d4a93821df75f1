using Microsoft.Data.Sqlite;

namespace ShortVideo.Storage.Sqlite;

/// <summary>Small reading helpers shared by the SQLite stores.</summary>
internal static class SqliteReads
{
    /// <summary>The first column of every row, as strings (id lists).</summary>
    public static async Task<List<string>> ReadStringsAsync(this SqliteCommand command, CancellationToken cancellationToken)
    {
        var values = new List<string>();
        using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            values.Add(reader.GetString(0));
        }

        return values;
    }
}
