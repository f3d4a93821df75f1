using Microsoft.Extensions.Options;
using Npgsql;

namespace ShortVideo.Storage.Postgres;

/// <summary>
/// The PostgreSQL metadata database every node shares: one pooled <see cref="NpgsqlDataSource"/>, and the schema
/// brought up to date once per process before the first connection is handed out (concurrent starts are
/// serialised by <see cref="PostgresSchema"/>'s advisory lock).
/// </summary>
internal sealed class PostgresDatabase : IAsyncDisposable
{
    private readonly NpgsqlDataSource _dataSource;
    private readonly SemaphoreSlim _schemaTurn = new(1, 1);
    private volatile bool _schemaReady;

    public PostgresDatabase(IOptions<PostgresMetadataOptions> options)
    {
        var connectionString = options.Value.ConnectionString;
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            throw new InvalidOperationException($"{PostgresMetadataOptions.SectionName}:ConnectionString is required when Metadata:Provider is Postgres.");
        }

        _dataSource = NpgsqlDataSource.Create(connectionString);
    }

    /// <summary>An open pooled connection (dispose it to return it), after the schema is up to date.</summary>
    public async ValueTask<NpgsqlConnection> OpenAsync(CancellationToken cancellationToken)
    {
        if (!_schemaReady)
        {
            await EnsureSchemaAsync(cancellationToken).ConfigureAwait(false);
        }

        return await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Applies missing schema steps once per process; a failure (server down) is retried by the next caller.</summary>
    public async Task EnsureSchemaAsync(CancellationToken cancellationToken)
    {
        await _schemaTurn.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_schemaReady)
            {
                return;
            }

            var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            await using (connection.ConfigureAwait(false))
            {
                await PostgresSchema.ApplyAsync(connection, cancellationToken).ConfigureAwait(false);
            }

            _schemaReady = true;
        }
        finally
        {
            _schemaTurn.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _dataSource.DisposeAsync().ConfigureAwait(false);
        _schemaTurn.Dispose();
    }
}
