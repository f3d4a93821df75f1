using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;
using ShortVideo.Interactions;

namespace ShortVideo.Storage.Sqlite;

/// <summary>
/// Event batches are written by group commit: one writer drains every batch waiting and writes them in one transaction.
/// Scrolling users post a batch every few seconds each; one transaction apiece made SQLite's single writer the limit of
/// the whole node (svctl bench feed: ~250 write turns a second at ~4 ms each, event posts waiting 100 ms in line).
/// A batch that fails in the shared transaction is retried alone, so one bad batch never fails the others.
/// </summary>
internal sealed partial class SqliteInteractionStore
{
    // Bounds one transaction: enough to absorb a burst, small enough that the first batch in it is not kept waiting.
    private const int MaxGroup = 256;

    private readonly ConcurrentQueue<PendingEvents> _pending = new();
    private int _draining;

    private async Task DrainAsync()
    {
        while (true)
        {
            var group = new List<PendingEvents>();
            while (group.Count < MaxGroup && _pending.TryDequeue(out var next))
            {
                group.Add(next);
            }

            if (group.Count > 0)
            {
                await WriteGroupAsync(group).ConfigureAwait(false);
                continue;
            }

            Volatile.Write(ref _draining, 0);

            // A batch queued after the last dequeue but before the flag dropped found it taken: drain for it.
            if (_pending.IsEmpty || Interlocked.CompareExchange(ref _draining, 1, 0) != 0)
            {
                return;
            }
        }
    }

    private async Task WriteGroupAsync(List<PendingEvents> group)
    {
        try
        {
            var outcomes = await WriteAsync(group).ConfigureAwait(false);
            for (var i = 0; i < group.Count; i++)
            {
                group[i].Done.TrySetResult(outcomes[i]);
            }
        }
        catch (Exception) when (group.Count > 1)
        {
            foreach (var alone in group)
            {
                await WriteGroupAsync([alone]).ConfigureAwait(false);
            }
        }
        catch (Exception failure)
        {
            group[0].Done.TrySetException(failure);
        }
    }

    private async Task<EventOutcome[][]> WriteAsync(List<PendingEvents> group)
    {
        var outcomes = new EventOutcome[group.Count][];
        var writer = await database.OpenWriterAsync(CancellationToken.None).ConfigureAwait(false);
        await using (writer.ConfigureAwait(false))
        {
            var connection = writer.Connection;
            using var transaction = connection.BeginTransaction();
            for (var g = 0; g < group.Count; g++)
            {
                outcomes[g] = await WriteAsync(connection, transaction, group[g]).ConfigureAwait(false);
            }

            await transaction.CommitAsync(CancellationToken.None).ConfigureAwait(false);
        }

        return outcomes;
    }

    /// <summary>One user's batch inside the shared transaction: logged once per client event id, then its effects.</summary>
    private static async Task<EventOutcome[]> WriteAsync(SqliteConnection connection, SqliteTransaction transaction, PendingEvents pending)
    {
        var (userId, events, receivedAt) = (pending.UserId, pending.Events, pending.ReceivedAt);
        var outcomes = new EventOutcome[events.Count];
        using var log = connection.CreateCommand();
        log.Transaction = transaction;
        log.CommandText = """
            INSERT OR IGNORE INTO interaction_events (user_id, client_event_id, type, video_id, target_user_id, at, watch_ms, duration_ms, received_at)
            VALUES ($user, $event, $type, $video, $target, $at, $watch, $duration, $received)
            """;
        log.Parameters.AddWithValue("$user", userId);
        log.Parameters.AddWithValue("$received", receivedAt.ToUnixTimeMilliseconds());
        var eventId = log.Parameters.Add("$event", SqliteType.Text);
        var type = log.Parameters.Add("$type", SqliteType.Integer);
        var video = log.Parameters.Add("$video", SqliteType.Text);
        var target = log.Parameters.Add("$target", SqliteType.Text);
        var at = log.Parameters.Add("$at", SqliteType.Integer);
        var watch = log.Parameters.Add("$watch", SqliteType.Integer);
        var duration = log.Parameters.Add("$duration", SqliteType.Integer);
        using var effects = new EventEffects(connection, transaction, userId);
        for (var i = 0; i < events.Count; i++)
        {
            var (clientEventId, e) = events[i];
            eventId.Value = clientEventId;
            type.Value = (int)e.Kind;
            video.Value = (object?)e.VideoId ?? DBNull.Value;
            target.Value = (object?)e.TargetUserId ?? DBNull.Value;
            at.Value = e.At.ToUnixTimeMilliseconds();
            watch.Value = e.WatchMs;
            duration.Value = e.DurationMs;
            outcomes[i] = await log.ExecuteNonQueryAsync(CancellationToken.None).ConfigureAwait(false) != 1
                ? EventOutcome.Repeat
                : await effects.ApplyAsync(e, CancellationToken.None).ConfigureAwait(false) ? EventOutcome.Counted : EventOutcome.Recorded;
        }

        return outcomes;
    }

    /// <summary>A user's batch waiting for the group writer.</summary>
    private sealed class PendingEvents(string userId, IReadOnlyList<ClientInteraction> events, DateTimeOffset receivedAt)
    {
        public string UserId { get; } = userId;

        public IReadOnlyList<ClientInteraction> Events { get; } = events;

        public DateTimeOffset ReceivedAt { get; } = receivedAt;

        public TaskCompletionSource<IReadOnlyList<EventOutcome>> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
