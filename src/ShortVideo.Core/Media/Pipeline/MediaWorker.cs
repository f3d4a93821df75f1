using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ShortVideo.Catalog;
using ShortVideo.Jobs;

namespace ShortVideo.Media.Pipeline;

/// <summary>
/// The `media` role: leases transcode jobs and runs them, Media:Worker:Concurrency at a time, renewing each
/// lease while ffmpeg works. A node killed mid-transcode stops renewing; after the lease expires any worker
/// (this one after a restart) leases the job again. At start it re-enqueues videos left uploaded or processing,
/// in case a crash came between the video record and its job. A plain hosted service: any .NET host runs it,
/// with or without ASP.NET (<c>AddMediaWorker()</c>).
/// </summary>
internal sealed partial class MediaWorker(
    IJobQueue queue,
    TranscodeJobs jobs,
    MediaProcessor processor,
    IVideoCatalog catalog,
    IOptions<MediaPipelineOptions> options,
    IOptions<JobQueueOptions> queueOptions,
    IOptions<DataDirectoryOptions> dataDirectory,
    ILogger<MediaWorker> logger) : BackgroundService
{
    private string _workerId = "";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var identity = WorkerIdentity.Acquire(options.Value.WorkerId, dataDirectory.Value.FullPath);
        _workerId = identity.Id;
        try
        {
            processor.CleanWorkDirectory();

            // Jobs this worker held when it died are known to be abandoned: take them back now, not when their
            // leases run out (a minute by default).
            var resumed = await queue.ReleaseLeasesAsync(_workerId, stoppingToken).ConfigureAwait(false);
            if (resumed > 0)
            {
                LogResumed(resumed, _workerId);
            }

            await RecoverAsync(stoppingToken).ConfigureAwait(false);
            var loops = new Task[Math.Max(1, options.Value.Concurrency)];
            for (var i = 0; i < loops.Length; i++)
            {
                loops[i] = RunLoopAsync(stoppingToken);
            }

            await Task.WhenAll(loops).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: a job in flight keeps its lease until it expires, then runs again.
        }
    }

    private async Task RecoverAsync(CancellationToken cancellationToken)
    {
        foreach (var status in new[] { VideoStatus.Uploaded, VideoStatus.Processing })
        {
            foreach (var id in await catalog.ListIdsAsync(status, 10_000, cancellationToken).ConfigureAwait(false))
            {
                await queue.EnqueueAsync(new JobRequest { Kind = TranscodeJobs.Kind, Key = id }, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private async Task RunLoopAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        while (!stoppingToken.IsCancellationRequested)
        {
            var lease = await queue.TryLeaseAsync(TranscodeJobs.Kind, _workerId, options.Value.LeaseDuration, stoppingToken).ConfigureAwait(false);
            if (lease is null)
            {
                await jobs.WaitAsync(options.Value.PollInterval, stoppingToken).ConfigureAwait(false);
                continue;
            }

            await RunJobAsync(lease, stoppingToken).ConfigureAwait(false);
        }
    }

    private async Task RunJobAsync(JobLease lease, CancellationToken stoppingToken)
    {
        using var lost = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        var heartbeat = HeartbeatAsync(lease, lost);
        try
        {
            await processor.ProcessAsync(lease.Key, lost.Token).ConfigureAwait(false);
            await queue.CompleteAsync(lease, CancellationToken.None).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (lost.IsCancellationRequested)
        {
            // Stopping, or the lease was lost to another worker: leave the job to whoever holds it next.
            return;
        }
        catch (Exception ex)
        {
            LogFailed(lease.Key, lease.Attempt, ex.Message);
            var outcome = await queue.FailAsync(lease, ex.Message, CancellationToken.None).ConfigureAwait(false);
            if (outcome.Result == JobFailureResult.GaveUp)
            {
                await processor.GiveUpAsync(lease.Key, queueOptions.Value.MaxAttempts, CancellationToken.None).ConfigureAwait(false);
            }
        }
        finally
        {
            await lost.CancelAsync().ConfigureAwait(false);
            await heartbeat.ConfigureAwait(false);
        }
    }

    /// <summary>Renews the lease at a third of its duration; cancels the work when the lease is lost.</summary>
    private async Task HeartbeatAsync(JobLease lease, CancellationTokenSource work)
    {
        var period = options.Value.LeaseDuration / 3;
        try
        {
            while (true)
            {
                await Task.Delay(period, work.Token).ConfigureAwait(false);
                if (!await queue.RenewAsync(lease, options.Value.LeaseDuration, work.Token).ConfigureAwait(false))
                {
                    LogLeaseLost(lease.Key);
                    await work.CancelAsync().ConfigureAwait(false);
                    return;
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The job finished (or the node is stopping).
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Transcode of video {VideoId} failed (attempt {Attempt}): {Error}")]
    private partial void LogFailed(string videoId, int attempt, string error);

    [LoggerMessage(Level = LogLevel.Information, Message = "Worker {WorkerId} takes back {Count} job(s) it held when it stopped")]
    private partial void LogResumed(int count, string workerId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Transcode of video {VideoId} lost its lease; another worker has it")]
    private partial void LogLeaseLost(string videoId);
}
