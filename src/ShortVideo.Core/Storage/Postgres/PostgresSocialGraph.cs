using ShortVideo.Social;

namespace ShortVideo.Storage.Postgres;

/// <summary>
/// Follows and blocks in PostgreSQL, as <c>SqliteSocialGraph</c>. SQLite's single writer keeps a follow and a block of
/// the same pair from interleaving; here nodes write at once, so a follow and a block take a transaction-scoped
/// advisory lock on the pair (either order) first. Under READ COMMITTED each later statement of the batch sees what
/// was committed before it began, so the second of a racing follow and block sees the first's rows.
/// </summary>
internal sealed class PostgresSocialGraph(PostgresDatabase database) : ISocialGraph
{
    // The pair's lock: one key for (a, b) and (b, a).
    private const string LockPair = "SELECT pg_advisory_xact_lock(hashtextextended(least($1::text, $2::text) || chr(1) || greatest($1::text, $2::text), 0))";


    public async ValueTask<IReadOnlySet<string>> FollowedAmongAsync(string viewerId, IReadOnlyCollection<string> userIds, CancellationToken cancellationToken) =>
        userIds.Count == 0
            ? new HashSet<string>()
            : await database.QuerySetAsync(
                "SELECT followee_id FROM follows WHERE follower_id = $1 AND followee_id = ANY($2)", cancellationToken, viewerId, userIds.ToArray()).ConfigureAwait(false);

    public async ValueTask<IReadOnlyList<string>> ListFolloweeIdsAsync(string userId, int limit, CancellationToken cancellationToken) =>
        await database.QueryListAsync(
            "SELECT followee_id FROM follows WHERE follower_id = $1 ORDER BY created_at DESC LIMIT $2", cancellationToken, userId, limit).ConfigureAwait(false);

    public async ValueTask<IReadOnlyList<string>> ListActiveFollowerIdsAsync(string creatorId, DateTimeOffset activeSince, int limit, CancellationToken cancellationToken) =>
        await database.QueryListAsync(
            """
            SELECT f.follower_id FROM follows f JOIN users u ON u.id = f.follower_id
            WHERE f.followee_id = $1 AND u.last_active_at >= $2 LIMIT $3
            """,
            cancellationToken,
            creatorId,
            activeSince.ToUnixTimeMilliseconds(),
            limit).ConfigureAwait(false);

    public async ValueTask<IReadOnlySet<string>> BlockedEitherWayAsync(string viewerId, CancellationToken cancellationToken) =>
        await database.QuerySetAsync(
            "SELECT blocked_id FROM blocks WHERE blocker_id = $1 UNION SELECT blocker_id FROM blocks WHERE blocked_id = $1", cancellationToken, viewerId).ConfigureAwait(false);

    public async ValueTask<BlockState> GetBlockStateAsync(string viewerId, string otherId, CancellationToken cancellationToken)
    {
        var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = connection.Command(
                """
                SELECT EXISTS (SELECT 1 FROM blocks WHERE blocker_id = $1 AND blocked_id = $2),
                       EXISTS (SELECT 1 FROM blocks WHERE blocker_id = $2 AND blocked_id = $1)
                """,
                viewerId,
                otherId);
            using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            return new BlockState(reader.GetBoolean(0), reader.GetBoolean(1));
        }
    }

    public async ValueTask<FollowChange> FollowAsync(string followerId, string followeeId, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var results = await database.BatchAsync(
            [
                LockPair,
                $"INSERT INTO follows (follower_id, followee_id, created_at) SELECT $1, $2, $3 WHERE {NotBlocked("$1", "$2")} ON CONFLICT DO NOTHING",
                "SELECT 1 FROM follows WHERE follower_id = $1 AND followee_id = $2",
            ],
            [followerId, followeeId, at.ToUnixTimeMilliseconds()],
            cancellationToken).ConfigureAwait(false);
        return results[1] == 1 ? FollowChange.Added : results[2] == 1 ? FollowChange.Unchanged : FollowChange.Blocked;
    }

    public async ValueTask<IReadOnlyList<FollowEdge>> ImportFollowsAsync(IReadOnlyList<FollowEdge> follows, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(follows);

        // The first of repeated pairs is the one imported; the statement says which pairs were new.
        var distinct = follows.DistinctBy(static f => (f.FollowerId, f.FolloweeId)).Where(static f => f.FollowerId != f.FolloweeId).ToList();
        if (distinct.Count == 0)
        {
            return [];
        }

        var added = new HashSet<(string, string)>();
        var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = connection.Command(
                $"""
                INSERT INTO follows (follower_id, followee_id, created_at)
                SELECT a, b, at FROM unnest($1::text[], $2::text[], $3::bigint[]) AS t(a, b, at)
                WHERE {NotBlocked("t.a", "t.b")}
                ON CONFLICT DO NOTHING
                RETURNING follower_id, followee_id
                """,
                distinct.Select(static f => f.FollowerId).ToArray(),
                distinct.Select(static f => f.FolloweeId).ToArray(),
                distinct.Select(static f => f.At.ToUnixTimeMilliseconds()).ToArray());
            using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                added.Add((reader.GetString(0), reader.GetString(1)));
            }
        }

        return [.. distinct.Where(f => added.Contains((f.FollowerId, f.FolloweeId)))];
    }

    public async ValueTask<bool> UnfollowAsync(string followerId, string followeeId, CancellationToken cancellationToken) =>
        await database.ExecuteAsync("DELETE FROM follows WHERE follower_id = $1 AND followee_id = $2", cancellationToken, followerId, followeeId).ConfigureAwait(false) == 1;

    public async ValueTask<BlockChange> BlockAsync(string blockerId, string blockedId, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var results = await database.BatchAsync(
            [
                LockPair,
                "INSERT INTO blocks (blocker_id, blocked_id, created_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING",
                "DELETE FROM follows WHERE follower_id = $1 AND followee_id = $2",
                "DELETE FROM follows WHERE follower_id = $2 AND followee_id = $1",
            ],
            [blockerId, blockedId, at.ToUnixTimeMilliseconds()],
            cancellationToken).ConfigureAwait(false);
        return new BlockChange(results[1] == 1, results[2] == 1, results[3] == 1);
    }

    public async ValueTask<bool> UnblockAsync(string blockerId, string blockedId, CancellationToken cancellationToken) =>
        await database.ExecuteAsync("DELETE FROM blocks WHERE blocker_id = $1 AND blocked_id = $2", cancellationToken, blockerId, blockedId).ConfigureAwait(false) == 1;

    /// <summary>SQL that is true when no block stands between <paramref name="a"/> and <paramref name="b"/>, either way.</summary>
    private static string NotBlocked(string a, string b) =>
        $"NOT EXISTS (SELECT 1 FROM blocks WHERE (blocker_id = {a} AND blocked_id = {b}) OR (blocker_id = {b} AND blocked_id = {a}))";
}
