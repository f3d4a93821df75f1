using Npgsql;
using ShortVideo.Interactions;

namespace ShortVideo.Storage.Postgres;

/// <summary>
/// Event batches. Each batch is one transaction that first takes an advisory lock on its user, so two nodes given
/// batches of one user at once (a client retrying against another node) write them one after the other: the log
/// insert (<c>ON CONFLICT DO NOTHING</c> on (user, client event id)) then sees the other's ids and a repeat counts once,
/// and the recount rule (a view or share counts an hour after the last counted one) reads what the other wrote.
/// Different users never wait for each other. SQLite's group commit is not needed: PostgreSQL takes writers at once.
/// </summary>
internal sealed partial class PostgresInteractionStore
{
    public async ValueTask<IReadOnlyList<EventOutcome>> RecordAsync(string userId, IReadOnlyList<ClientInteraction> events, DateTimeOffset receivedAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(events);

        // A request that gives up still has its events written: the client's retry with the same ids counts them once.
        return await WriteAsync(userId, events, receivedAt).WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task<IReadOnlyList<EventOutcome>> WriteAsync(string userId, IReadOnlyList<ClientInteraction> events, DateTimeOffset receivedAt)
    {
        var none = CancellationToken.None;
        var outcomes = new EventOutcome[events.Count];
        if (events.Count == 0)
        {
            return outcomes;
        }

        // The first of an id repeated within the batch is the one logged; the others are repeats.
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var first = Enumerable.Range(0, events.Count).Where(i => seen.Add(events[i].ClientEventId)).ToList();
        var connection = await database.OpenAsync(none).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var transaction = await connection.BeginTransactionAsync(none).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                var logged = await LogAsync(connection, userId, [.. first.Select(i => events[i])], receivedAt).ConfigureAwait(false);
                var effects = await PostgresEventEffects.ReadAsync(connection, userId, [.. first.Select(i => events[i].Interaction)]).ConfigureAwait(false);
                foreach (var i in first)
                {
                    outcomes[i] = !logged.Contains(events[i].ClientEventId)
                        ? EventOutcome.Repeat
                        : effects.Apply(events[i].Interaction) ? EventOutcome.Counted : EventOutcome.Recorded;
                }

                await effects.WriteAsync(connection, userId).ConfigureAwait(false);
                await transaction.CommitAsync(none).ConfigureAwait(false);
            }
        }

        return outcomes;
    }

    /// <summary>Locks the user's events and logs the new ones; returns the client event ids that were new.</summary>
    private static async Task<HashSet<string>> LogAsync(NpgsqlConnection connection, string userId, ClientInteraction[] events, DateTimeOffset receivedAt)
    {
        using var batch = new NpgsqlBatch(connection);
        var lockUser = new NpgsqlBatchCommand("SELECT pg_advisory_xact_lock(hashtextextended('events:' || $1, 0))");
        lockUser.Parameters.Add(new NpgsqlParameter { Value = userId });
        batch.BatchCommands.Add(lockUser);
        var log = new NpgsqlBatchCommand(
            """
            INSERT INTO interaction_events (user_id, client_event_id, type, video_id, target_user_id, at, watch_ms, duration_ms, received_at)
            SELECT $1, e.* , $9 FROM unnest($2::text[], $3::integer[], $4::text[], $5::text[], $6::bigint[], $7::bigint[], $8::bigint[]) AS e
            ON CONFLICT DO NOTHING
            RETURNING client_event_id
            """);
        foreach (var value in (object[])
            [
                userId,
                events.Select(static e => e.ClientEventId).ToArray(),
                events.Select(static e => (int)e.Interaction.Kind).ToArray(),
                events.Select(static e => e.Interaction.VideoId).ToArray(),
                events.Select(static e => e.Interaction.TargetUserId).ToArray(),
                events.Select(static e => e.Interaction.At.ToUnixTimeMilliseconds()).ToArray(),
                events.Select(static e => e.Interaction.WatchMs).ToArray(),
                events.Select(static e => e.Interaction.DurationMs).ToArray(),
                receivedAt.ToUnixTimeMilliseconds(),
            ])
        {
            log.Parameters.Add(new NpgsqlParameter { Value = value });
        }

        batch.BatchCommands.Add(log);
        var logged = new HashSet<string>(StringComparer.Ordinal);
        using var reader = await batch.ExecuteReaderAsync(CancellationToken.None).ConfigureAwait(false);
        await reader.NextResultAsync(CancellationToken.None).ConfigureAwait(false);
        while (await reader.ReadAsync(CancellationToken.None).ConfigureAwait(false))
        {
            logged.Add(reader.GetString(0));
        }

        return logged;
    }
}
