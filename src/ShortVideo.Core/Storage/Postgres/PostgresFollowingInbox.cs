using ShortVideo.Feeds.Following;

namespace ShortVideo.Storage.Postgres;

/// <summary>
/// Following inboxes in PostgreSQL: one row per (follower, video), keyed by follower first for newest-first range
/// reads (and sharding by user id). A push to many followers is one statement (followers × entries, unnest).
/// </summary>
internal sealed class PostgresFollowingInbox(PostgresDatabase database) : IFollowingInbox
{
    // Each listed follower's inbox loses what is older than its capacity-th newest entry.
    private const string TrimSql = """
        DELETE FROM following_inbox f USING (
            SELECT u.user_id, c.created_at, c.video_id FROM unnest($1::text[]) AS u(user_id)
            CROSS JOIN LATERAL (
                SELECT created_at, video_id FROM following_inbox WHERE user_id = u.user_id
                ORDER BY created_at DESC, video_id DESC OFFSET $2 LIMIT 1) c
        ) cut
        WHERE f.user_id = cut.user_id AND (f.created_at, f.video_id) < (cut.created_at, cut.video_id)
        """;

    public async ValueTask AddAsync(IReadOnlyCollection<string> userIds, IReadOnlyCollection<InboxEntry> entries, int capacity, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(userIds);
        ArgumentNullException.ThrowIfNull(entries);
        if (userIds.Count == 0 || entries.Count == 0)
        {
            return;
        }

        string[] users = [.. userIds.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
        var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            await PostgresConflictRetry.RunAsync(async () =>
            {
                var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
                await using (transaction.ConfigureAwait(false))
                {
                    await PostgresSearchCommands.ExecuteAsync(
                        connection,
                        transaction,
                        """
                        INSERT INTO following_inbox (user_id, created_at, video_id, creator_id)
                        SELECT u, e.created_at, e.video_id, e.creator_id
                        FROM unnest($1::text[]) AS u CROSS JOIN unnest($2::bigint[], $3::text[], $4::text[]) AS e(created_at, video_id, creator_id)
                        ORDER BY 1, 2, 3
                        ON CONFLICT DO NOTHING
                        """,
                        cancellationToken,
                        users,
                        entries.Select(e => e.CreatedAt.ToUnixTimeMilliseconds()).ToArray(),
                        entries.Select(e => e.VideoId).ToArray(),
                        entries.Select(e => e.CreatorId).ToArray()).ConfigureAwait(false);
                    if (InboxTrimming.TrimsOnPush(entries))
                    {
                        await PostgresSearchCommands.ExecuteAsync(connection, transaction, TrimSql, cancellationToken, users, capacity - 1).ConfigureAwait(false);
                    }

                    await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                }
            }).ConfigureAwait(false);
        }
    }

    public async ValueTask<IReadOnlyList<InboxEntry>> ReadAsync(string userId, InboxEntry? before, int limit, CancellationToken cancellationToken)
    {
        var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = before is { } position
                ? PostgresSearchCommands.Bind(
                    connection,
                    null,
                    "SELECT video_id, creator_id, created_at FROM following_inbox WHERE user_id = $1 AND (created_at, video_id) < ($3, $4) ORDER BY created_at DESC, video_id DESC LIMIT $2",
                    userId,
                    limit,
                    position.CreatedAt.ToUnixTimeMilliseconds(),
                    position.VideoId)
                : PostgresSearchCommands.Bind(
                    connection,
                    null,
                    "SELECT video_id, creator_id, created_at FROM following_inbox WHERE user_id = $1 ORDER BY created_at DESC, video_id DESC LIMIT $2",
                    userId,
                    limit);
            var entries = new List<InboxEntry>();
            using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                entries.Add(new InboxEntry(reader.GetString(0), reader.GetString(1), DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(2))));
            }

            return entries;
        }
    }

    public ValueTask TrimAsync(string userId, int capacity, CancellationToken cancellationToken) =>
        ExecuteAsync(TrimSql, cancellationToken, new[] { userId }, capacity - 1);

    public ValueTask RemoveVideoAsync(string videoId, CancellationToken cancellationToken) =>
        ExecuteAsync("DELETE FROM following_inbox WHERE video_id = $1", cancellationToken, videoId);

    public ValueTask RemoveCreatorAsync(string userId, string creatorId, CancellationToken cancellationToken) =>
        ExecuteAsync("DELETE FROM following_inbox WHERE user_id = $1 AND creator_id = $2", cancellationToken, userId, creatorId);

    public async ValueTask<DateTimeOffset?> GetCheckedAtAsync(string userId, CancellationToken cancellationToken)
    {
        var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = PostgresSearchCommands.Bind(connection, null, "SELECT checked_at FROM following_inbox_state WHERE user_id = $1", userId);
            return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is long milliseconds
                ? DateTimeOffset.FromUnixTimeMilliseconds(milliseconds)
                : null;
        }
    }

    public ValueTask SetCheckedAtAsync(string userId, DateTimeOffset at, CancellationToken cancellationToken) =>
        ExecuteAsync(
            "INSERT INTO following_inbox_state (user_id, checked_at) VALUES ($1, $2) ON CONFLICT (user_id) DO UPDATE SET checked_at = excluded.checked_at",
            cancellationToken,
            userId,
            at.ToUnixTimeMilliseconds());

    public ValueTask MarkLargeCreatorAsync(string creatorId, CancellationToken cancellationToken) =>
        ExecuteAsync("INSERT INTO following_large_creators (creator_id) VALUES ($1) ON CONFLICT DO NOTHING", cancellationToken, creatorId);

    public async ValueTask<IReadOnlySet<string>> LargeCreatorsAmongAsync(IReadOnlyCollection<string> creatorIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(creatorIds);
        if (creatorIds.Count == 0)
        {
            return new HashSet<string>(StringComparer.Ordinal);
        }

        var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var large = await PostgresSearchCommands.ReadStringsAsync(
                connection, null, "SELECT creator_id FROM following_large_creators WHERE creator_id = ANY($1)", cancellationToken, (object)creatorIds.ToArray()).ConfigureAwait(false);
            return large.ToHashSet(StringComparer.Ordinal);
        }
    }

    private async ValueTask ExecuteAsync(string sql, CancellationToken cancellationToken, params object[] values)
    {
        var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            await PostgresSearchCommands.ExecuteAsync(connection, null, sql, cancellationToken, values).ConfigureAwait(false);
        }
    }
}
