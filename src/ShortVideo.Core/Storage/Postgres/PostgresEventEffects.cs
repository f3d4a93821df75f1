using Npgsql;
using ShortVideo.Interactions;

namespace ShortVideo.Storage.Postgres;

/// <summary>
/// What a batch's new events write besides the log, as SQLite's <c>EventEffects</c> but in three round trips for the
/// whole batch: the user's last counted view and share of each video the batch names are read once, each event is
/// decided in order in memory (views and completes go to the watch history, shares to the share log, and a view or
/// share counts only <see cref="ClientEvents.RecountAfter"/> after the user's last counted one of that video, so replays
/// under fresh event ids cannot inflate the counters), and the rows are written once. The caller holds the user's lock,
/// so no other writer changes these rows (all keyed by the user) in between.
/// </summary>
internal sealed class PostgresEventEffects
{
    private static readonly long RecountAfterMs = (long)ClientEvents.RecountAfter.TotalMilliseconds;

    private readonly Dictionary<string, long> _watchCounted = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _shareCounted = new(StringComparer.Ordinal);
    private readonly Dictionary<string, WatchRow> _watchWrites = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _shareWrites = new(StringComparer.Ordinal);

    /// <summary>Reads the user's last counted times of the videos <paramref name="events"/> view, complete or share.</summary>
    public static async Task<PostgresEventEffects> ReadAsync(NpgsqlConnection connection, string userId, IEnumerable<UserInteraction> events)
    {
        var effects = new PostgresEventEffects();
        var videos = events.Where(static e => HasEffect(e)).Select(static e => e.VideoId!).Distinct(StringComparer.Ordinal).ToArray();
        if (videos.Length == 0)
        {
            return effects;
        }

        using var batch = new NpgsqlBatch(connection);
        foreach (var table in (string[])["watch_history", "shares"])
        {
            var read = new NpgsqlBatchCommand($"SELECT video_id, counted_at FROM {table} WHERE user_id = $1 AND video_id = ANY($2)");
            read.Parameters.Add(new NpgsqlParameter { Value = userId });
            read.Parameters.Add(new NpgsqlParameter { Value = videos });
            batch.BatchCommands.Add(read);
        }

        using var reader = await batch.ExecuteReaderAsync(CancellationToken.None).ConfigureAwait(false);
        foreach (var into in (Dictionary<string, long>[])[effects._watchCounted, effects._shareCounted])
        {
            while (await reader.ReadAsync(CancellationToken.None).ConfigureAwait(false))
            {
                into[reader.GetString(0)] = reader.GetInt64(1);
            }

            await reader.NextResultAsync(CancellationToken.None).ConfigureAwait(false);
        }

        return effects;
    }

    /// <summary>Takes a new event's effect into the rows to write; true when it is a view or share that counts.</summary>
    public bool Apply(UserInteraction e)
    {
        if (!HasEffect(e))
        {
            return false;
        }

        var video = e.VideoId!;
        var at = e.At.ToUnixTimeMilliseconds();
        var counted = e.Kind == InteractionType.Share ? _shareCounted : _watchCounted;
        long? last = counted.TryGetValue(video, out var l) ? l : null;
        var counts = e.Kind != InteractionType.Complete && (last is null || last <= at - RecountAfterMs);
        if (e.Kind == InteractionType.Share)
        {
            if (counts)
            {
                _shareCounted[video] = Math.Max(last ?? at, at);
                _shareWrites[video] = Math.Max(_shareWrites.GetValueOrDefault(video, at), at);
            }

            return counts;
        }

        var countedAt = counts ? at : 0;
        _watchCounted[video] = Math.Max(last ?? countedAt, countedAt);
        var row = new WatchRow(at, e.WatchMs, e.Kind == InteractionType.Complete, countedAt);
        _watchWrites[video] = _watchWrites.TryGetValue(video, out var before) ? before.Merge(row) : row;
        return counts;
    }

    /// <summary>Writes the watch history and share rows, each merged with the stored one by the later or larger value.</summary>
    public async Task WriteAsync(NpgsqlConnection connection, string userId)
    {
        using var batch = new NpgsqlBatch(connection);
        if (_watchWrites.Count > 0)
        {
            var rows = _watchWrites.ToList();
            Add(
                batch,
                """
                INSERT INTO watch_history (user_id, video_id, watched_at, watch_ms, completed, counted_at)
                SELECT $1, w.* FROM unnest($2::text[], $3::bigint[], $4::bigint[], $5::boolean[], $6::bigint[]) AS w
                ON CONFLICT (user_id, video_id) DO UPDATE SET
                    watched_at = greatest(watch_history.watched_at, excluded.watched_at),
                    watch_ms = greatest(watch_history.watch_ms, excluded.watch_ms),
                    completed = watch_history.completed OR excluded.completed,
                    counted_at = greatest(watch_history.counted_at, excluded.counted_at)
                """,
                userId,
                rows.Select(static r => r.Key).ToArray(),
                rows.Select(static r => r.Value.WatchedAt).ToArray(),
                rows.Select(static r => r.Value.WatchMs).ToArray(),
                rows.Select(static r => r.Value.Completed).ToArray(),
                rows.Select(static r => r.Value.CountedAt).ToArray());
        }

        if (_shareWrites.Count > 0)
        {
            Add(
                batch,
                """
                INSERT INTO shares (user_id, video_id, counted_at)
                SELECT $1, s.* FROM unnest($2::text[], $3::bigint[]) AS s
                ON CONFLICT (user_id, video_id) DO UPDATE SET counted_at = greatest(shares.counted_at, excluded.counted_at)
                """,
                userId,
                _shareWrites.Keys.ToArray(),
                _shareWrites.Values.ToArray());
        }

        if (batch.BatchCommands.Count > 0)
        {
            await batch.ExecuteNonQueryAsync(CancellationToken.None).ConfigureAwait(false);
        }
    }

    private static bool HasEffect(UserInteraction e) =>
        e.VideoId is not null && e.Kind is InteractionType.View or InteractionType.Complete or InteractionType.Share;

    private static void Add(NpgsqlBatch batch, string sql, params object[] values)
    {
        var command = new NpgsqlBatchCommand(sql);
        foreach (var value in values)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        }

        batch.BatchCommands.Add(command);
    }

    /// <summary>One watch history row to write: the later, longer, completed and last counted of the batch's events.</summary>
    private readonly record struct WatchRow(long WatchedAt, long WatchMs, bool Completed, long CountedAt)
    {
        public WatchRow Merge(WatchRow other) => new(
            Math.Max(WatchedAt, other.WatchedAt),
            Math.Max(WatchMs, other.WatchMs),
            Completed || other.Completed,
            Math.Max(CountedAt, other.CountedAt));
    }
}
