using Npgsql;
using NpgsqlTypes;
using ShortVideo.Interactions;

namespace ShortVideo.Storage.Postgres;

/// <summary>
/// Durable counters in PostgreSQL: one flush is one transaction of two set-based upserts. Each adds its deltas to the
/// stored row (<c>x = x + EXCLUDED.x</c>) under the row lock, so nodes flushing the same counter at once never lose one.
/// </summary>
internal sealed class PostgresCounterStore(PostgresDatabase database) : ICounterStore
{
    public async ValueTask AddAsync(IReadOnlyDictionary<string, VideoCounts> videoDeltas, IReadOnlyDictionary<string, UserCounts> userDeltas, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(videoDeltas);
        ArgumentNullException.ThrowIfNull(userDeltas);
        if (videoDeltas.Count == 0 && userDeltas.Count == 0)
        {
            return;
        }

        // Ids sorted: two flushes touching the same rows lock them in one order, so they never deadlock.
        var videos = videoDeltas.OrderBy(p => p.Key, StringComparer.Ordinal).ToArray();
        var users = userDeltas.OrderBy(p => p.Key, StringComparer.Ordinal).ToArray();
        var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var batch = new NpgsqlBatch(connection);
            if (videos.Length > 0)
            {
                var video = new NpgsqlBatchCommand("""
                    INSERT INTO video_counters (video_id, views, likes, comments, shares)
                    SELECT * FROM unnest($1::text[], $2::bigint[], $3::bigint[], $4::bigint[], $5::bigint[])
                    ON CONFLICT (video_id) DO UPDATE SET views = video_counters.views + EXCLUDED.views,
                        likes = video_counters.likes + EXCLUDED.likes, comments = video_counters.comments + EXCLUDED.comments,
                        shares = video_counters.shares + EXCLUDED.shares
                    """);
                video.Parameters.Add(Array(videos.Select(p => p.Key).ToArray(), NpgsqlDbType.Text));
                video.Parameters.Add(Array(videos.Select(p => p.Value.Views).ToArray(), NpgsqlDbType.Bigint));
                video.Parameters.Add(Array(videos.Select(p => p.Value.Likes).ToArray(), NpgsqlDbType.Bigint));
                video.Parameters.Add(Array(videos.Select(p => p.Value.Comments).ToArray(), NpgsqlDbType.Bigint));
                video.Parameters.Add(Array(videos.Select(p => p.Value.Shares).ToArray(), NpgsqlDbType.Bigint));
                batch.BatchCommands.Add(video);
            }

            if (users.Length > 0)
            {
                var user = new NpgsqlBatchCommand("""
                    INSERT INTO user_counters (user_id, followers, following, likes)
                    SELECT * FROM unnest($1::text[], $2::bigint[], $3::bigint[], $4::bigint[])
                    ON CONFLICT (user_id) DO UPDATE SET followers = user_counters.followers + EXCLUDED.followers,
                        following = user_counters.following + EXCLUDED.following, likes = user_counters.likes + EXCLUDED.likes
                    """);
                user.Parameters.Add(Array(users.Select(p => p.Key).ToArray(), NpgsqlDbType.Text));
                user.Parameters.Add(Array(users.Select(p => p.Value.Followers).ToArray(), NpgsqlDbType.Bigint));
                user.Parameters.Add(Array(users.Select(p => p.Value.Following).ToArray(), NpgsqlDbType.Bigint));
                user.Parameters.Add(Array(users.Select(p => p.Value.Likes).ToArray(), NpgsqlDbType.Bigint));
                batch.BatchCommands.Add(user);
            }

            // A multi-statement batch runs in one implicit transaction: both tables change, or neither does.
            await batch.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public async ValueTask<IReadOnlyDictionary<string, VideoCounts>> GetVideoCountsAsync(IReadOnlyCollection<string> videoIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(videoIds);
        var counts = new Dictionary<string, VideoCounts>(StringComparer.Ordinal);
        if (videoIds.Count == 0)
        {
            return counts;
        }

        var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = new NpgsqlCommand("SELECT video_id, views, likes, comments, shares FROM video_counters WHERE video_id = ANY($1)", connection);
            command.Parameters.Add(Array(videoIds.ToArray(), NpgsqlDbType.Text));
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
            using var command = new NpgsqlCommand("SELECT followers, following, likes FROM user_counters WHERE user_id = $1", connection);
            command.Parameters.Add(new NpgsqlParameter { Value = userId, NpgsqlDbType = NpgsqlDbType.Text });
            using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            return await reader.ReadAsync(cancellationToken).ConfigureAwait(false)
                ? new UserCounts(reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2))
                : default;
        }
    }

    public async ValueTask DeleteVideoAsync(string videoId, CancellationToken cancellationToken)
    {
        var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = new NpgsqlCommand("DELETE FROM video_counters WHERE video_id = $1", connection);
            command.Parameters.Add(new NpgsqlParameter { Value = videoId, NpgsqlDbType = NpgsqlDbType.Text });
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private static NpgsqlParameter Array<T>(T[] values, NpgsqlDbType element) =>
        new() { Value = values, NpgsqlDbType = NpgsqlDbType.Array | element };
}
