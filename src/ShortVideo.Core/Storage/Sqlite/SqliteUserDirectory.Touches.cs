namespace ShortVideo.Storage.Sqlite;

/// <summary>
/// Last-active hours, written in batches (<see cref="ActiveUsers"/>): a burst of returning users would otherwise queue
/// one write transaction each behind SQLite's single writer, on the path of their first request.
/// </summary>
internal sealed partial class SqliteUserDirectory
{
    public ValueTask DisposeAsync() => _users.DisposeAsync();

    /// <summary>Writes a batch of pending hours in one transaction; an hour never moves back.</summary>
    private async Task WriteHoursAsync(IReadOnlyList<KeyValuePair<string, DateTimeOffset>> batch)
    {
        var writer = await _database.OpenWriterAsync(CancellationToken.None).ConfigureAwait(false);
        await using (writer.ConfigureAwait(false))
        {
            var connection = writer.Connection;
            using var transaction = connection.BeginTransaction();
            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = "UPDATE users SET last_active_at = $hour WHERE id = $id AND last_active_at < $hour";
            var id = command.Parameters.Add("$id", Microsoft.Data.Sqlite.SqliteType.Text);
            var hour = command.Parameters.Add("$hour", Microsoft.Data.Sqlite.SqliteType.Integer);
            foreach (var (userId, at) in batch)
            {
                id.Value = userId;
                hour.Value = at.ToUnixTimeMilliseconds();
                await command.ExecuteNonQueryAsync(CancellationToken.None).ConfigureAwait(false);
            }

            await transaction.CommitAsync(CancellationToken.None).ConfigureAwait(false);
        }
    }
}
