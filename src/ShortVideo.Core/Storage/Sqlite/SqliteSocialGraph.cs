using ShortVideo.Social;

namespace ShortVideo.Storage.Sqlite;

/// <summary>Follows and blocks in SQLite.</summary>
internal sealed class SqliteSocialGraph(SqliteDatabase database) : ISocialGraph
{
    public async ValueTask<IReadOnlySet<string>> FollowedAmongAsync(string viewerId, IReadOnlyCollection<string> userIds, CancellationToken cancellationToken) =>
        userIds.Count == 0
            ? new HashSet<string>()
            : await database.QuerySetAsync(
                "SELECT followee_id FROM follows WHERE follower_id = $viewer AND followee_id IN (SELECT value FROM json_each($ids))",
                p =>
                {
                    p.AddWithValue("$viewer", viewerId);
                    p.AddIdList("$ids", userIds);
                },
                cancellationToken).ConfigureAwait(false);

    public async ValueTask<IReadOnlyList<string>> ListFolloweeIdsAsync(string userId, int limit, CancellationToken cancellationToken) =>
        await database.QueryListAsync(
            "SELECT followee_id FROM follows WHERE follower_id = $user ORDER BY created_at DESC LIMIT $limit",
            p =>
            {
                p.AddWithValue("$user", userId);
                p.AddWithValue("$limit", limit);
            },
            cancellationToken).ConfigureAwait(false);

    public async ValueTask<IReadOnlyList<string>> ListActiveFollowerIdsAsync(string creatorId, DateTimeOffset activeSince, int limit, CancellationToken cancellationToken) =>
        await database.QueryListAsync(
            """
            SELECT f.follower_id FROM follows f JOIN users u ON u.id = f.follower_id
            WHERE f.followee_id = $creator AND u.last_active_at >= $since LIMIT $limit
            """,
            p =>
            {
                p.AddWithValue("$creator", creatorId);
                p.AddWithValue("$since", activeSince.ToUnixTimeMilliseconds());
                p.AddWithValue("$limit", limit);
            },
            cancellationToken).ConfigureAwait(false);

    public async ValueTask<IReadOnlySet<string>> BlockedEitherWayAsync(string viewerId, CancellationToken cancellationToken) =>
        await database.QuerySetAsync(
            "SELECT blocked_id FROM blocks WHERE blocker_id = $viewer UNION SELECT blocker_id FROM blocks WHERE blocked_id = $viewer",
            p => p.AddWithValue("$viewer", viewerId),
            cancellationToken).ConfigureAwait(false);

    public async ValueTask<BlockState> GetBlockStateAsync(string viewerId, string otherId, CancellationToken cancellationToken)
    {
        var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = connection.CreateCommand();
            command.CommandText = """
                SELECT EXISTS (SELECT 1 FROM blocks WHERE blocker_id = $a AND blocked_id = $b),
                       EXISTS (SELECT 1 FROM blocks WHERE blocker_id = $b AND blocked_id = $a)
                """;
            command.Parameters.AddWithValue("$a", viewerId);
            command.Parameters.AddWithValue("$b", otherId);
            using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            return new BlockState(reader.GetInt64(0) != 0, reader.GetInt64(1) != 0);
        }
    }

    public async ValueTask<FollowChange> FollowAsync(string followerId, string followeeId, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = connection.CreateCommand();

            // One statement: the block check and the insert cannot be split by a block arriving in between.
            command.CommandText = """
                INSERT OR IGNORE INTO follows (follower_id, followee_id, created_at)
                SELECT $a, $b, $at WHERE NOT EXISTS (
                    SELECT 1 FROM blocks WHERE (blocker_id = $a AND blocked_id = $b) OR (blocker_id = $b AND blocked_id = $a));
                SELECT changes(), EXISTS (SELECT 1 FROM follows WHERE follower_id = $a AND followee_id = $b);
                """;
            command.Parameters.AddWithValue("$a", followerId);
            command.Parameters.AddWithValue("$b", followeeId);
            command.Parameters.AddWithValue("$at", at.ToUnixTimeMilliseconds());
            using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            return reader.GetInt64(0) == 1 ? FollowChange.Added : reader.GetInt64(1) != 0 ? FollowChange.Unchanged : FollowChange.Blocked;
        }
    }

    public async ValueTask<IReadOnlyList<FollowEdge>> ImportFollowsAsync(IReadOnlyList<FollowEdge> follows, CancellationToken cancellationToken) =>
        await SqliteBulkInsert.InsertNewAsync(
            database,
            """
            INSERT OR IGNORE INTO follows (follower_id, followee_id, created_at)
            SELECT $a, $b, $at WHERE $a <> $b AND NOT EXISTS (
                SELECT 1 FROM blocks WHERE (blocker_id = $a AND blocked_id = $b) OR (blocker_id = $b AND blocked_id = $a))
            """,
            follows,
            static (p, f) =>
            {
                p.AddWithValue("$a", f.FollowerId);
                p.AddWithValue("$b", f.FolloweeId);
                p.AddWithValue("$at", f.At.ToUnixTimeMilliseconds());
            },
            cancellationToken).ConfigureAwait(false);

    public async ValueTask<bool> UnfollowAsync(string followerId, string followeeId, CancellationToken cancellationToken) =>
        await database.ExecuteAsync(
            "DELETE FROM follows WHERE follower_id = $a AND followee_id = $b",
            p =>
            {
                p.AddWithValue("$a", followerId);
                p.AddWithValue("$b", followeeId);
            },
            cancellationToken).ConfigureAwait(false) == 1;

    public async ValueTask<BlockChange> BlockAsync(string blockerId, string blockedId, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var transaction = connection.BeginTransaction();
            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.Parameters.AddWithValue("$a", blockerId);
            command.Parameters.AddWithValue("$b", blockedId);
            command.Parameters.AddWithValue("$at", at.ToUnixTimeMilliseconds());
            command.CommandText = "INSERT OR IGNORE INTO blocks (blocker_id, blocked_id, created_at) VALUES ($a, $b, $at)";
            var added = await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
            command.CommandText = "DELETE FROM follows WHERE follower_id = $a AND followee_id = $b";
            var removedFollow = await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
            command.CommandText = "DELETE FROM follows WHERE follower_id = $b AND followee_id = $a";
            var removedFollower = await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            return new BlockChange(added, removedFollow, removedFollower);
        }
    }

    public async ValueTask<bool> UnblockAsync(string blockerId, string blockedId, CancellationToken cancellationToken) =>
        await database.ExecuteAsync(
            "DELETE FROM blocks WHERE blocker_id = $a AND blocked_id = $b",
            p =>
            {
                p.AddWithValue("$a", blockerId);
                p.AddWithValue("$b", blockedId);
            },
            cancellationToken).ConfigureAwait(false) == 1;
}
