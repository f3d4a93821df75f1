using Microsoft.Data.Sqlite;
using ShortVideo.Social;

namespace ShortVideo.Storage.Sqlite;

/// <summary>
/// Users in SQLite. <see cref="EnsureAsync"/> answers from memory while the user's last-active hour is known, and
/// last-active hours are written in batches (<see cref="ActiveUsers"/>, SqliteUserDirectory.Touches.cs); only a
/// user's very first request writes at once.
/// </summary>
internal sealed partial class SqliteUserDirectory : IUserDirectory, IAsyncDisposable
{
    private const string Columns = MetadataRows.UserColumns;

    private readonly SqliteDatabase _database;
    private readonly ActiveUsers _users;

    public SqliteUserDirectory(SqliteDatabase database, TimeProvider time)
    {
        _database = database;
        _users = new ActiveUsers(time, WriteHoursAsync);
    }

    public ValueTask<UserProfile> EnsureAsync(string userId, CancellationToken cancellationToken) =>
        _users.EnsureAsync(userId, async (hour, now) =>
        {
            var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
            await using (connection.ConfigureAwait(false))
            {
                return await ReadAsync(connection, userId, cancellationToken).ConfigureAwait(false)
                    ?? await CreateAsync(connection, userId, hour, now, cancellationToken).ConfigureAwait(false);
            }
        });

    public async ValueTask<UserProfile?> GetAsync(string userId, CancellationToken cancellationToken)
    {
        var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            return _users.WithPendingHour(await ReadAsync(connection, userId, cancellationToken).ConfigureAwait(false));
        }
    }

    public async ValueTask<IReadOnlyDictionary<string, UserProfile>> GetManyAsync(IReadOnlyCollection<string> userIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(userIds);
        var profiles = new Dictionary<string, UserProfile>(StringComparer.Ordinal);
        if (userIds.Count == 0)
        {
            return profiles;
        }

        var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = connection.CreateCommand();
            command.CommandText = $"SELECT {Columns} FROM users WHERE id IN (SELECT value FROM json_each($ids))";
            command.Parameters.AddIdList("$ids", userIds);
            using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                var profile = _users.WithPendingHour(MetadataRows.ReadUser(reader))!;
                profiles[profile.Id] = profile;
            }
        }

        return profiles;
    }

    public async ValueTask<bool> TryUpdateAsync(UserProfile profile, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(profile);
        var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = connection.CreateCommand();
            command.CommandText = "UPDATE users SET handle = $handle, display_name = $name, bio = $bio, avatar_video_id = $avatar WHERE id = $id";
            command.Parameters.AddWithValue("$id", profile.Id);
            command.Parameters.AddWithValue("$handle", profile.Handle);
            command.Parameters.AddWithValue("$name", profile.DisplayName);
            command.Parameters.AddWithValue("$bio", profile.Bio);
            command.Parameters.AddWithValue("$avatar", (object?)profile.AvatarVideoId ?? DBNull.Value);
            try
            {
                await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (SqliteException failure) when (failure.SqliteErrorCode == SqliteConstraint)
            {
                return false;
            }
            finally
            {
                _users.Forget(profile.Id);
            }

            return true;
        }
    }

    public async ValueTask<int> ImportAsync(IReadOnlyList<UserProfile> profiles, CancellationToken cancellationToken) =>
        (await SqliteBulkInsert.InsertNewAsync(
            _database,
            $"INSERT OR IGNORE INTO users ({Columns}) VALUES ($id, $handle, $name, $bio, $avatar, $created, $active)",
            profiles,
            static (p, u) =>
            {
                p.AddWithValue("$id", u.Id);
                p.AddWithValue("$handle", u.Handle);
                p.AddWithValue("$name", u.DisplayName);
                p.AddWithValue("$bio", u.Bio);
                p.AddWithValue("$avatar", (object?)u.AvatarVideoId ?? DBNull.Value);
                p.AddWithValue("$created", u.CreatedAt.ToUnixTimeMilliseconds());
                p.AddWithValue("$active", u.LastActiveAt.ToUnixTimeMilliseconds());
            },
            cancellationToken).ConfigureAwait(false)).Count;

    public async ValueTask ForgetAvatarAsync(string videoId, CancellationToken cancellationToken)
    {
        var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = connection.CreateCommand();
            command.CommandText = "UPDATE users SET avatar_video_id = NULL WHERE avatar_video_id = $video";
            command.Parameters.AddWithValue("$video", videoId);
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        _users.ForgetAll();
    }

    private const int SqliteConstraint = 19;

    /// <summary>
    /// Inserts the user with the handle derived from their id, or with a suffix when another user holds it. INSERT OR
    /// IGNORE skips both a concurrent creation of the same user (then it exists) and a taken handle (then it does not).
    /// </summary>
    private static async Task<UserProfile> CreateAsync(SqliteConnection connection, string userId, DateTimeOffset hour, DateTimeOffset now, CancellationToken cancellationToken)
    {
        using var insert = connection.CreateCommand();
        insert.CommandText = """
            INSERT OR IGNORE INTO users (id, handle, display_name, bio, avatar_video_id, created_at, last_active_at)
            VALUES ($id, $handle, $handle, '', NULL, $created, $hour)
            """;
        insert.Parameters.AddWithValue("$id", userId);
        var handle = insert.Parameters.Add("$handle", SqliteType.Text);
        insert.Parameters.AddWithValue("$created", now.ToUnixTimeMilliseconds());
        insert.Parameters.AddWithValue("$hour", hour.ToUnixTimeMilliseconds());
        for (var attempt = 0; ; attempt++)
        {
            handle.Value = ProfileRules.CandidateHandle(userId, attempt);
            await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            if (await ReadAsync(connection, userId, cancellationToken).ConfigureAwait(false) is { } created)
            {
                return created;
            }
        }
    }

    private static async Task<UserProfile?> ReadAsync(SqliteConnection connection, string userId, CancellationToken cancellationToken)
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {Columns} FROM users WHERE id = $id";
        command.Parameters.AddWithValue("$id", userId);
        using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? MetadataRows.ReadUser(reader) : null;
    }
}
