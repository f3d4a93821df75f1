using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ShortVideo.Uploads;

/// <summary>Runs <see cref="UploadEngine.SweepExpiredAsync"/> every <see cref="UploadOptions.SweepInterval"/>.</summary>
internal sealed partial class UploadExpirySweeper(UploadEngine engine, TimeProvider time, ILogger<UploadExpirySweeper> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(engine.Options.SweepInterval, time);
        do
        {
            try
            {
                await engine.SweepExpiredAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // A failed sweep (store briefly unreachable) is retried next tick; the node stays up.
                LogSweepFailed(ex);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sweeping expired uploads failed; retrying at the next interval")]
    private partial void LogSweepFailed(Exception exception);
}
