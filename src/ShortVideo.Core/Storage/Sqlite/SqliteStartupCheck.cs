using Microsoft.Extensions.Hosting;

namespace ShortVideo.Storage.Sqlite;

/// <summary>
/// Opens (checks, locks, migrates) the database before any hosted service starts, so a host composed with
/// AddSqliteMetadata refuses to start on a damaged database instead of failing its first requests one by one.
/// </summary>
internal sealed class SqliteStartupCheck(SqliteDatabase database) : IHostedLifecycleService
{
    public Task StartingAsync(CancellationToken cancellationToken) => database.InitializeAsync();

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
