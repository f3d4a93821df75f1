using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ShortVideo.Catalog;

namespace ShortVideo.Feeds;

/// <summary>
/// Runs the ranking engine's lifetime in a node: at start (in the background; the node serves meanwhile) restores the
/// model saved under DataDir/ranking and adds every ready public video of the catalog, then marks the engine ready;
/// saves the model every <see cref="RankingNodeOptions.SaveInterval"/> and on shutdown. A damaged or unreadable
/// snapshot is logged in one line and the engine starts fresh: ranking never keeps a node from serving.
/// </summary>
internal sealed partial class RankingModelKeeper(
    RankingCatalog ranking,
    IVideoCatalog catalog,
    IOptions<RankingNodeOptions> options,
    IOptions<DataDirectoryOptions> dataDirectory,
    TimeProvider time,
    ILogger<RankingModelKeeper> logger) : BackgroundService
{
    private static readonly TimeSpan LoadRetry = TimeSpan.FromSeconds(5);

    public string Directory { get; } = Path.Combine(dataDirectory.Value.FullPath, "ranking");

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        while (true)
        {
            try
            {
                await LoadAsync(stoppingToken).ConfigureAwait(false);
                break;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception failure)
            {
                // The catalog did not answer (a locked or damaged metadata store): the feed serves the latest meanwhile.
                LogLoadFailed(failure.Message);
            }

            try
            {
                await Task.Delay(LoadRetry, time, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }

        using var timer = new PeriodicTimer(options.Value.SaveInterval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                await SaveAsync(stoppingToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down: StopAsync saves.
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken).ConfigureAwait(false);

        // Only a loaded engine is saved: one stopped mid-load would overwrite a good snapshot with part of it.
        if (ranking.IsReady)
        {
            await SaveAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        try
        {
            if (await ranking.Engine.RestoreAsync(Directory, cancellationToken).ConfigureAwait(false))
            {
                LogRestored(Directory);
            }
        }
        catch (Exception failure) when (failure is InvalidDataException or IOException or UnauthorizedAccessException or ArgumentException or InvalidOperationException)
        {
            LogRestoreFailed(Directory, failure.Message);
        }

        VideoListCursor? after = null;
        do
        {
            var page = await catalog.ListPublicReadyAsync(after, VideoPage.MaxBulkLimit, cancellationToken).ConfigureAwait(false);
            ranking.AddRange(page.Items);
            after = page.Next;
        }
        while (after is not null);

        ranking.MarkReady();
        LogReady(ranking.Count);
    }

    private async Task SaveAsync(CancellationToken cancellationToken)
    {
        try
        {
            await ranking.Engine.SaveAsync(Directory, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception failure) when (failure is not OperationCanceledException)
        {
            LogSaveFailed(Directory, failure.Message);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Ranking model restored from {Directory}")]
    private partial void LogRestored(string directory);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The ranking model in {Directory} could not be restored ({Reason}); ranking starts fresh")]
    private partial void LogRestoreFailed(string directory, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Ranking could not load the catalog ({Reason}); it tries again in 5 s and the feed serves the latest videos meanwhile")]
    private partial void LogLoadFailed(string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Ranking ready with {Videos} candidate videos")]
    private partial void LogReady(int videos);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The ranking model could not be saved to {Directory} ({Reason}); the next save tries again")]
    private partial void LogSaveFailed(string directory, string reason);
}
