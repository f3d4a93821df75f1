using System.Globalization;
using Npgsql;

namespace ShortVideo.Storage.Postgres;

/// <summary>
/// The versioned PostgreSQL schema. Each store family owns a range of versions, so families grow without renumbering
/// each other: 100s catalog, 200s jobs, 300s social, 400s interactions, 500s search, 600s trending. Steps are applied in version
/// order, each in its own transaction together with its row in <c>schema_migrations</c>, under a session advisory
/// lock: nodes starting at once wait for the first, then find nothing left to do.
/// </summary>
internal static class PostgresSchema
{
    // An arbitrary constant every node agrees on: the advisory lock that serialises migrations.
    private const long MigrationLock = 0x5356_4D49_4752_4154; // "SVMIGRAT"

    public static IReadOnlyList<PostgresMigration> All { get; } = Collect();

    /// <summary>Applies the steps this database lacks; refuses a database migrated by a newer node.</summary>
    public static async Task ApplyAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await ExecuteAsync(connection, $"SELECT pg_advisory_lock({MigrationLock})", cancellationToken).ConfigureAwait(false);
        try
        {
            await ExecuteAsync(
                connection,
                """
                CREATE TABLE IF NOT EXISTS schema_migrations (
                    version integer PRIMARY KEY,
                    name text NOT NULL,
                    applied_at timestamptz NOT NULL DEFAULT now())
                """,
                cancellationToken).ConfigureAwait(false);
            var applied = await AppliedAsync(connection, cancellationToken).ConfigureAwait(false);
            var unknown = applied.Where(v => !All.Any(m => m.Version == v)).ToList();
            if (unknown.Count > 0)
            {
                throw new InvalidOperationException(string.Create(
                    CultureInfo.InvariantCulture,
                    $"The PostgreSQL metadata database has schema steps this node does not know ({string.Join(", ", unknown)}): a newer version of ShortVideo migrated it. Run that version, or restore a backup."));
            }

            foreach (var migration in All)
            {
                if (applied.Contains(migration.Version))
                {
                    continue;
                }

                using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
                using (var step = new NpgsqlCommand(migration.Sql, connection, transaction))
                {
                    await step.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                }

                using (var record = new NpgsqlCommand("INSERT INTO schema_migrations (version, name) VALUES ($1, $2)", connection, transaction))
                {
                    record.Parameters.Add(new NpgsqlParameter { Value = migration.Version });
                    record.Parameters.Add(new NpgsqlParameter { Value = migration.Name });
                    await record.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                }

                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            await ExecuteAsync(connection, $"SELECT pg_advisory_unlock({MigrationLock})", CancellationToken.None).ConfigureAwait(false);
        }
    }

    /// <summary>The versions recorded in <c>schema_migrations</c>.</summary>
    public static async Task<HashSet<int>> AppliedAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        var versions = new HashSet<int>();
        using var command = new NpgsqlCommand("SELECT version FROM schema_migrations", connection);
        using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            versions.Add(reader.GetInt32(0));
        }

        return versions;
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private static PostgresMigration[] Collect()
    {
        PostgresMigration[] all =
        [
            .. PostgresCatalogSchema.Migrations,
            .. PostgresJobsSchema.Migrations,
            .. PostgresSocialSchema.Migrations,
            .. PostgresInteractionsSchema.Migrations,
            .. PostgresInboxSchema.Migrations,
            .. PostgresSearchSchema.Migrations,
            .. PostgresTrendingSchema.Migrations,
        ];
        var duplicate = all.GroupBy(m => m.Version).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new InvalidOperationException($"Two PostgreSQL schema steps share version {duplicate.Key}.");
        }

        return [.. all.OrderBy(m => m.Version)];
    }
}
