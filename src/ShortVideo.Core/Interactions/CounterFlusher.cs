using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ShortVideo.Interactions;

/// <summary>
/// Writes batched counter increments every <see cref="CounterOptions.FlushInterval"/> and once more on shutdown; prunes
/// the event log's de-duplication window hourly.
/// </summary>
internal sealed partial class CounterFlusher(
    BatchedCounters counters,
    IInteractionStore interactions,
    IOptions<CounterOptions> options,
    TimeProvider time,
    ILogger<CounterFlusher> logger) : BackgroundService
{
    private static readonly TimeSpan PruneEvery = TimeSpan.FromHours(1);

    private DateTimeOffset _nextPrune;

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken).ConfigureAwait(false);

        // The loop has ended: what is still held is written now, or it would be lost with the process.
        try
        {
            await counters.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception failure) when (failure is not OperationCanceledException)
        {
            LogFlushFailed(failure);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.FlushInterval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                try
                {
                    await counters.FlushAsync(stoppingToken).ConfigureAwait(false);
                    await PruneIfDueAsync(stoppingToken).ConfigureAwait(false);
                }
                catch (Exception failure) when (failure is not OperationCanceledException)
                {
                    LogFlushFailed(failure);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task PruneIfDueAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (now < _nextPrune)
        {
            return;
        }

        _nextPrune = now + PruneEvery;
        await interactions.PruneEventsAsync(now - ClientEvents.DeduplicationWindow, cancellationToken).ConfigureAwait(false);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Writing batched counters failed; they are kept and written with the next flush")]
    private partial void LogFlushFailed(Exception failure);
}
