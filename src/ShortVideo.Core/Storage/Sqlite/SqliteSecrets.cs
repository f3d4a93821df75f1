namespace ShortVideo.Storage.Sqlite;

/// <summary>Secrets made once with the database (node_secrets), shared by every node that uses it.</summary>
internal static class SqliteSecrets
{
    /// <summary>The key that signs list cursors (<see cref="Paging.ListCursors"/>).</summary>
    public const string ListCursorKey = "list-cursors";

    /// <summary>
    /// Reads a secret; synchronous because it runs once, while the service that needs it is being built (the
    /// database is open by then: <see cref="SqliteDatabase"/> opens at construction).
    /// </summary>
    public static byte[] Read(SqliteDatabase database, string name)
    {
        var connection = database.OpenAsync(CancellationToken.None).AsTask().GetAwaiter().GetResult();
        using (connection)
        {
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT value FROM node_secrets WHERE name = $name";
            command.Parameters.AddWithValue("$name", name);
            return command.ExecuteScalar() as byte[]
                ?? throw new InvalidOperationException($"The metadata database has no secret '{name}'; it was created by a migration and must not be removed.");
        }
    }
}
