using ShortVideo.Interactions;

namespace ShortVideo.Storage.Sqlite;

/// <summary>Durable counters in SQLite: one upsert per counted video or user per flush.</summary>
internal sealed class SqliteCounterStore(SqliteDatabase database) : ICounterStore
{
    public async ValueTask AddAsync(IReadOnlyDictionary<string, VideoCounts> videoDeltas, IReadOnlyDictionary<string, UserCounts> userDeltas, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(videoDeltas);
        ArgumentNullException.ThrowIfNull(userDeltas);
        var writer = await database.OpenWriterAsync(cancellationToken).ConfigureAwait(false);
        await using (writer.ConfigureAwait(false))
        {
            var connection = writer.Connection;
            using var transaction = connection.BeginTransaction();
            using (var video = connection.CreateCommand())
            {
                video.Transaction = transaction;
                video.CommandText = """
                    INSERT INTO video_counters (video_id, views, likes, comments, shares) VALUES ($id, $a, $b, $c, $d)
                    ON CONFLICT (video_id) DO UPDATE SET views = views + excluded.views, likes = likes + excluded.likes,
                        comments = comments + excluded.comments, shares = shares + excluded.shares
                    """;
                foreach (var (id, d) in videoDeltas)
                {
                    await UpsertAsync(video, id, d.Views, d.Likes, d.Comments, d.Shares, cancellationToken).ConfigureAwait(false);
                }
            }

            using (var user = connection.CreateCommand())
            {
                user.Transaction = transaction;
                user.CommandText = """
                    INSERT INTO user_counters (user_id, followers, following, likes) VALUES ($id, $a, $b, $c)
                    ON CONFLICT (user_id) DO UPDATE SET followers = followers + excluded.followers,
                        following = following + excluded.following, likes = likes + excluded.likes
                    """;
                foreach (var (id, d) in userDeltas)
                {
                    await UpsertAsync(user, id, d.Followers, d.Following, d.Likes, null, cancellationToken).ConfigureAwait(false);
                }
            }

            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public async ValueTask<IReadOnlyDictionary<string, VideoCounts>> GetVideoCountsAsync(IReadOnlyCollection<string> videoIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(videoIds);
        var counts = new Dictionary<string, VideoCounts>(StringComparer.Ordinal);
        var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT video_id, views, likes, comments, shares FROM video_counters WHERE video_id IN (SELECT value FROM json_each($ids))";
            command.Parameters.AddIdList("$ids", videoIds);
            using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                counts[reader.GetString(0)] = new VideoCounts(reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3), reader.GetInt64(4));
            }
        }

        return counts;
    }

    public async ValueTask<UserCounts> GetUserCountsAsync(string userId, CancellationToken cancellationToken)
    {
        var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT followers, following, likes FROM user_counters WHERE user_id = $id";
            command.Parameters.AddWithValue("$id", userId);
            using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            return await reader.ReadAsync(cancellationToken).ConfigureAwait(false)
                ? new UserCounts(reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2))
                : default;
        }
    }

    public async ValueTask DeleteVideoAsync(string videoId, CancellationToken cancellationToken) =>
        await database.ExecuteAsync("DELETE FROM video_counters WHERE video_id = $id", p => p.AddWithValue("$id", videoId), cancellationToken).ConfigureAwait(false);

    private static async Task UpsertAsync(Microsoft.Data.Sqlite.SqliteCommand command, string id, long a, long b, long c, long? d, CancellationToken cancellationToken)
    {
        command.Parameters.Clear();
        command.Parameters.AddWithValue("$id", id);
        command.Parameters.AddWithValue("$a", a);
        command.Parameters.AddWithValue("$b", b);
        command.Parameters.AddWithValue("$c", c);
        if (d is { } value)
        {
            command.Parameters.AddWithValue("$d", value);
        }

        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
