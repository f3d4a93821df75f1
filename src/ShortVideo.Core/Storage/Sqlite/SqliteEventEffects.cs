using Microsoft.Data.Sqlite;
using ShortVideo.Interactions;

namespace ShortVideo.Storage.Sqlite;

/// <summary>
/// What a new event writes besides the log, inside the batch's transaction: views and completes go to the watch
/// history, shares to the share log, and a view or share counts only an hour after the user's last counted one of that
/// video (<see cref="ClientEvents.RecountAfter"/>), so replays under fresh event ids cannot inflate the counters.
/// </summary>
internal sealed class EventEffects : IDisposable
{
    private readonly SqliteCommand _lastCounted;
    private readonly SqliteCommand _watch;
    private readonly SqliteCommand _share;

    public EventEffects(SqliteConnection connection, SqliteTransaction transaction, string userId)
    {
        _lastCounted = Command(connection, transaction, userId, string.Empty);
        _watch = Command(connection, transaction, userId, """
            INSERT INTO watch_history (user_id, video_id, watched_at, watch_ms, completed, counted_at) VALUES ($user, $video, $at, $watch, $completed, $counted)
            ON CONFLICT (user_id, video_id) DO UPDATE SET
                watched_at = max(watched_at, excluded.watched_at),
                watch_ms = max(watch_ms, excluded.watch_ms),
                completed = max(completed, excluded.completed),
                counted_at = max(counted_at, excluded.counted_at)
            """);
        _share = Command(connection, transaction, userId, """
            INSERT INTO shares (user_id, video_id, counted_at) VALUES ($user, $video, $at)
            ON CONFLICT (user_id, video_id) DO UPDATE SET counted_at = max(counted_at, excluded.counted_at)
            """);
    }

    /// <summary>Writes the event's effect; true when it is a view or share that counts.</summary>
    public async Task<bool> ApplyAsync(UserInteraction e, CancellationToken cancellationToken)
    {
        if (e.VideoId is null || e.Kind is not (InteractionType.View or InteractionType.Complete or InteractionType.Share))
        {
            return false;
        }

        var at = e.At.ToUnixTimeMilliseconds();
        var isView = e.Kind == InteractionType.View;
        _lastCounted.CommandText = e.Kind == InteractionType.Share
            ? "SELECT counted_at FROM shares WHERE user_id = $user AND video_id = $video"
            : "SELECT counted_at FROM watch_history WHERE user_id = $user AND video_id = $video";
        _lastCounted.Parameters["$video"].Value = e.VideoId;
        var last = await _lastCounted.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) as long?;
        var counts = e.Kind != InteractionType.Complete && (last is null || last <= at - (long)ClientEvents.RecountAfter.TotalMilliseconds);
        if (e.Kind == InteractionType.Share)
        {
            if (counts)
            {
                Bind(_share, e.VideoId, at);
                await _share.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            return counts;
        }

        Bind(_watch, e.VideoId, at);
        _watch.Parameters["$watch"].Value = e.WatchMs;
        _watch.Parameters["$completed"].Value = isView ? 0 : 1;
        _watch.Parameters["$counted"].Value = counts ? at : 0;
        await _watch.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        return counts;
    }

    public void Dispose()
    {
        _lastCounted.Dispose();
        _watch.Dispose();
        _share.Dispose();
    }

    private static void Bind(SqliteCommand command, string videoId, long at)
    {
        command.Parameters["$video"].Value = videoId;
        command.Parameters["$at"].Value = at;
    }

    private static SqliteCommand Command(SqliteConnection connection, SqliteTransaction transaction, string userId, string sql)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.Parameters.AddWithValue("$user", userId);
        foreach (var name in (string[])["$video", "$at", "$watch", "$completed", "$counted"])
        {
            command.Parameters.Add(name, SqliteType.Integer);
        }

        command.Parameters["$video"].SqliteType = SqliteType.Text;
        return command;
    }
}
