using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ShortVideo.Storage.Sqlite;

/// <summary>Runs the deep check (PRAGMA quick_check) every <see cref="SqliteMetadataOptions.IntegrityCheckInterval"/>; health probes report its last failure.</summary>
internal sealed partial class SqliteIntegrityMonitor(
    SqliteDatabase database,
    IOptions<SqliteMetadataOptions> options,
    TimeProvider time,
    ILogger<SqliteIntegrityMonitor> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = options.Value.IntegrityCheckInterval;
        if (interval <= TimeSpan.Zero)
        {
            return;
        }

        using var timer = new PeriodicTimer(interval, time);
        var healthy = true;
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
        {
            if (!database.InitializeAsync().IsCompletedSuccessfully)
            {
                continue; // not opened yet (or refused at start: the node is not running on it)
            }

            var report = await Task.Run(database.RunDeepCheck, stoppingToken).ConfigureAwait(false);
            if (healthy && !report.IsUsable)
            {
                LogDamaged(database.RunningRefusal(report.Sentence));
            }
            else if (!healthy && report.IsUsable)
            {
                LogRecovered(report.Sentence);
            }

            healthy = report.IsUsable;
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Metadata database check failed: {Sentence}")]
    private partial void LogDamaged(string sentence);

    [LoggerMessage(Level = LogLevel.Information, Message = "Metadata database check passes again: {Sentence}")]
    private partial void LogRecovered(string sentence);
}
