using Microsoft.Data.Sqlite;
using ShortVideo.Feeds.Following;

namespace ShortVideo.Storage.Sqlite;

/// <summary>Following inboxes in the metadata database: one row per (follower, video), keyed for newest-first range reads.</summary>
internal sealed class SqliteFollowingInbox(SqliteDatabase database) : IFollowingInbox
{
    private const string TrimSql = """
        DELETE FROM following_inbox WHERE user_id = $user AND (created_at, video_id) < (
            SELECT created_at, video_id FROM following_inbox WHERE user_id = $user
            ORDER BY created_at DESC, video_id DESC LIMIT 1 OFFSET $keep)
        """;

    public async ValueTask AddAsync(IReadOnlyCollection<string> userIds, IReadOnlyCollection<InboxEntry> entries, int capacity, CancellationToken cancellationToken)
    {
        if (userIds.Count == 0 || entries.Count == 0)
        {
            return;
        }

        var writer = await database.OpenWriterAsync(cancellationToken).ConfigureAwait(false);
        await using (writer.ConfigureAwait(false))
        {
            var connection = writer.Connection;
            var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                using var insert = connection.CreateCommand();
                insert.Transaction = transaction;
                insert.CommandText = "INSERT OR IGNORE INTO following_inbox (user_id, created_at, video_id, creator_id) VALUES ($user, $at, $video, $creator)";
                var user = insert.Parameters.Add("$user", SqliteType.Text);
                var at = insert.Parameters.Add("$at", SqliteType.Integer);
                var video = insert.Parameters.Add("$video", SqliteType.Text);
                var creator = insert.Parameters.Add("$creator", SqliteType.Text);

                using var trim = connection.CreateCommand();
                trim.Transaction = transaction;
                trim.CommandText = TrimSql;
                var trimUser = trim.Parameters.Add("$user", SqliteType.Text);
                trim.Parameters.AddWithValue("$keep", capacity - 1);

                var trimNow = InboxTrimming.TrimsOnPush(entries);
                foreach (var userId in userIds)
                {
                    user.Value = userId;
                    foreach (var entry in entries)
                    {
                        at.Value = entry.CreatedAt.ToUnixTimeMilliseconds();
                        video.Value = entry.VideoId;
                        creator.Value = entry.CreatorId;
                        await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                    }

                    if (trimNow)
                    {
                        trimUser.Value = userId;
                        await trim.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                    }
                }

                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            }
        }
    }

    public async ValueTask<IReadOnlyList<InboxEntry>> ReadAsync(string userId, InboxEntry? before, int limit, CancellationToken cancellationToken)
    {
        var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = connection.CreateCommand();
            command.CommandText = before is null
                ? "SELECT video_id, creator_id, created_at FROM following_inbox WHERE user_id = $user ORDER BY created_at DESC, video_id DESC LIMIT $limit"
                : "SELECT video_id, creator_id, created_at FROM following_inbox WHERE user_id = $user AND (created_at, video_id) < ($at, $video) ORDER BY created_at DESC, video_id DESC LIMIT $limit";
            command.Parameters.AddWithValue("$user", userId);
            command.Parameters.AddWithValue("$limit", limit);
            if (before is { } position)
            {
                command.Parameters.AddWithValue("$at", position.CreatedAt.ToUnixTimeMilliseconds());
                command.Parameters.AddWithValue("$video", position.VideoId);
            }

            var entries = new List<InboxEntry>();
            using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                entries.Add(new InboxEntry(reader.GetString(0), reader.GetString(1), DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(2))));
            }

            return entries;
        }
    }

    public async ValueTask TrimAsync(string userId, int capacity, CancellationToken cancellationToken)
    {
        var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            // Readers trim on every first page, and most inboxes are within capacity: a read finds that out without
            // queueing for SQLite's single writer, which the DELETE does even when it deletes nothing.
            using (var over = connection.CreateCommand())
            {
                over.CommandText = "SELECT EXISTS (SELECT 1 FROM following_inbox WHERE user_id = $user ORDER BY created_at DESC, video_id DESC LIMIT 1 OFFSET $capacity)";
                over.Parameters.AddWithValue("$user", userId);
                over.Parameters.AddWithValue("$capacity", capacity);
                if (Convert.ToInt64(await over.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture) == 0)
                {
                    return;
                }
            }

            using var command = connection.CreateCommand();
            command.CommandText = TrimSql;
            command.Parameters.AddWithValue("$user", userId);
            command.Parameters.AddWithValue("$keep", capacity - 1);
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public ValueTask RemoveVideoAsync(string videoId, CancellationToken cancellationToken) =>
        ExecuteAsync("DELETE FROM following_inbox WHERE video_id = $a", videoId, null, cancellationToken);

    public ValueTask RemoveCreatorAsync(string userId, string creatorId, CancellationToken cancellationToken) =>
        ExecuteAsync("DELETE FROM following_inbox WHERE user_id = $a AND creator_id = $b", userId, creatorId, cancellationToken);

    public async ValueTask<DateTimeOffset?> GetCheckedAtAsync(string userId, CancellationToken cancellationToken)
    {
        var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT checked_at FROM following_inbox_state WHERE user_id = $user";
            command.Parameters.AddWithValue("$user", userId);
            return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is long milliseconds
                ? DateTimeOffset.FromUnixTimeMilliseconds(milliseconds)
                : null;
        }
    }

    public ValueTask SetCheckedAtAsync(string userId, DateTimeOffset at, CancellationToken cancellationToken) =>
        ExecuteAsync(
            "INSERT INTO following_inbox_state (user_id, checked_at) VALUES ($a, $b) ON CONFLICT (user_id) DO UPDATE SET checked_at = excluded.checked_at",
            userId,
            at.ToUnixTimeMilliseconds(),
            cancellationToken);

    public ValueTask MarkLargeCreatorAsync(string creatorId, CancellationToken cancellationToken) =>
        ExecuteAsync("INSERT OR IGNORE INTO following_large_creators (creator_id) VALUES ($a)", creatorId, null, cancellationToken);

    public async ValueTask<IReadOnlySet<string>> LargeCreatorsAmongAsync(IReadOnlyCollection<string> creatorIds, CancellationToken cancellationToken)
    {
        var large = new HashSet<string>(StringComparer.Ordinal);
        if (creatorIds.Count == 0)
        {
            return large;
        }

        var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            // The ids travel as one JSON array: one statement whatever the count, no parameter limit.
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT creator_id FROM following_large_creators WHERE creator_id IN (SELECT value FROM json_each($ids))";
            command.Parameters.AddWithValue("$ids", System.Text.Json.JsonSerializer.Serialize(creatorIds, SqliteJson.Default.IReadOnlyCollectionString));
            foreach (var id in await command.ReadStringsAsync(cancellationToken).ConfigureAwait(false))
            {
                large.Add(id);
            }
        }

        return large;
    }

    private async ValueTask ExecuteAsync(string sql, object a, object? b, CancellationToken cancellationToken)
    {
        var writer = await database.OpenWriterAsync(cancellationToken).ConfigureAwait(false);
        await using (writer.ConfigureAwait(false))
        {
            var connection = writer.Connection;
            using var command = connection.CreateCommand();
            command.CommandText = sql;
            command.Parameters.AddWithValue("$a", a);
            if (b is not null)
            {
                command.Parameters.AddWithValue("$b", b);
            }

            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }
}
