using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using ShortVideo.Catalog;
using ShortVideo.Search;

namespace ShortVideo.Storage.Sqlite;

/// <summary>
/// Once after the upgrade that added search (search_pending holds 'backfill-videos'), indexes the videos that were
/// ready and public before, newest first, in the background: the node serves at once, and a restart midway starts
/// again (indexing is idempotent). Later videos enter through the lifecycle.
/// </summary>
internal sealed partial class SqliteSearchBackfill(
    SqliteDatabase database, IVideoCatalog catalog, IVideoSearchIndex index, SearchIndexer indexer, ILogger<SqliteSearchBackfill> logger) : BackgroundService
{
    private const string Task = "backfill-videos";
    private const int PageSize = 100;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            if (!await PendingAsync(stoppingToken).ConfigureAwait(false))
            {
                return;
            }

            var indexed = await RunAsync(stoppingToken).ConfigureAwait(false);
            var connection = await database.OpenAsync(stoppingToken).ConfigureAwait(false);
            await using (connection.ConfigureAwait(false))
            {
                await connection.ExecuteAsync(null, "DELETE FROM search_pending WHERE task = $1", stoppingToken, Task).ConfigureAwait(false);
            }

            LogBackfilled(indexed);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopped midway: the task stays pending and runs again at the next start.
        }
        catch (Exception failure)
        {
            LogBackfillFailed(failure);
        }
    }

    /// <summary>Indexes every ready, public video not yet indexed; returns how many.</summary>
    internal async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var count = 0;
        VideoListCursor? after = null;
        do
        {
            var page = await catalog.ListPublicReadyAsync(after, PageSize, cancellationToken).ConfigureAwait(false);
            var searchable = page.Items.Where(SearchIndexer.Searchable).ToList();
            var present = await index.IndexedAmongAsync([.. searchable.Select(v => v.Id)], cancellationToken).ConfigureAwait(false);
            var missing = searchable.Where(v => !present.Contains(v.Id)).ToList();
            if (missing.Count > 0)
            {
                await index.IndexAsync([.. missing.Select(SearchableVideo.From)], cancellationToken).ConfigureAwait(false);
                foreach (var creator in missing.Select(v => v.CreatorId).Distinct(StringComparer.Ordinal))
                {
                    await indexer.IndexCreatorAsync(creator, cancellationToken).ConfigureAwait(false);
                }
            }

            count += missing.Count;
            after = page.Next;
        }
        while (after is not null);
        return count;
    }

    private async Task<bool> PendingAsync(CancellationToken cancellationToken)
    {
        var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT count(*) FROM search_pending WHERE task = $task";
            command.Parameters.AddWithValue("$task", Task);
            return (long)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))! > 0;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Search: indexed {Count} videos that were ready before search existed")]
    private partial void LogBackfilled(int count);

    [LoggerMessage(Level = LogLevel.Error, Message = "Search: indexing the videos that were ready before search existed failed; it runs again at the next start")]
    private partial void LogBackfillFailed(Exception failure);
}
