using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace ShortVideo.Storage.Sqlite;

/// <summary>
/// The embedded metadata database ({DataDir}/shortvideo.db). WAL with synchronous=NORMAL: a commit
/// survives a crash or kill of the process (the WAL is in the OS), readers never block the writer.
/// </summary>
internal sealed class SqliteDatabase
{
    private readonly string _connectionString;
    private readonly Lazy<Task> _migrated;

    public SqliteDatabase(IOptions<DataDirectoryOptions> dataDirectory)
    {
        var root = dataDirectory.Value.FullPath;
        Directory.CreateDirectory(root);
        FilePath = Path.Combine(root, "shortvideo.db");
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = FilePath,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();
        _migrated = new Lazy<Task>(MigrateAsync);
    }

    public string FilePath { get; }

    public async ValueTask<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        await _migrated.Value.ConfigureAwait(false);
        return await OpenRawAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task<SqliteConnection> OpenRawAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            using var pragma = connection.CreateCommand();
            pragma.CommandText = "PRAGMA busy_timeout = 10000; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON;";
            await pragma.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private async Task MigrateAsync()
    {
        var connection = await OpenRawAsync(CancellationToken.None).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            // journal_mode is persistent in the file: set once, every later connection gets WAL.
            await ScalarAsync(connection, "PRAGMA journal_mode = WAL;").ConfigureAwait(false);
            var version = Convert.ToInt32(await ScalarAsync(connection, "PRAGMA user_version;").ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture);
            for (var next = version; next < SqliteSchema.Migrations.Length; next++)
            {
                using var transaction = connection.BeginTransaction();
                using var migrate = connection.CreateCommand();
                migrate.Transaction = transaction;
                migrate.CommandText = SqliteSchema.Migrations[next] + $"\nPRAGMA user_version = {next + 1};";
                await migrate.ExecuteNonQueryAsync().ConfigureAwait(false);
                await transaction.CommitAsync().ConfigureAwait(false);
            }
        }
    }

    private static async Task<object?> ScalarAsync(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync().ConfigureAwait(false);
    }
}
