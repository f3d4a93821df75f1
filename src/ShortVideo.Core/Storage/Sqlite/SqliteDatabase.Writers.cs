using Microsoft.Data.Sqlite;

namespace ShortVideo.Storage.Sqlite;

/// <summary>
/// The writers of the request paths (events, likes, inboxes, counters, search rows) take turns here, in process, before
/// SQLite's own write lock. SQLite lets one writer in at a time and makes the others retry with sleeps that grow to
/// 100 ms each; under a steady write load that turned into page latencies of seconds. A FIFO queue hands the turn on
/// at once. Writers not routed here (rare, administrative) still meet the busy timeout, as before.
/// </summary>
internal sealed partial class SqliteDatabase
{
    private readonly SemaphoreSlim _writerTurn = new(1, 1);

    /// <summary>A connection for one write, opened once this process's earlier writers are done; dispose to pass the turn on.</summary>
    public async ValueTask<SqliteWriter> OpenWriterAsync(CancellationToken cancellationToken)
    {
        await _writerTurn.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return new SqliteWriter(await OpenAsync(cancellationToken).ConfigureAwait(false), _writerTurn);
        }
        catch
        {
            _writerTurn.Release();
            throw;
        }
    }
}

/// <summary>A connection that holds the process's writer turn until disposed.</summary>
internal sealed class SqliteWriter(SqliteConnection connection, SemaphoreSlim turn) : IAsyncDisposable
{
    private int _disposed;

    public SqliteConnection Connection { get; } = connection;

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        try
        {
            await Connection.DisposeAsync().ConfigureAwait(false);
        }
        finally
        {
            turn.Release();
        }
    }
}
