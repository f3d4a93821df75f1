using Npgsql;
using ShortVideo.Social;

namespace ShortVideo.Storage.Postgres;

/// <summary>
/// Users in PostgreSQL, as <c>SqliteUserDirectory</c>: <see cref="EnsureAsync"/> answers from memory while the user's
/// last-active hour is known and last-active hours are written in batches (<see cref="ActiveUsers"/>); handles are
/// unique case-insensitively (a unique index on <c>lower(handle)</c>), so two nodes creating users at once never share one.
/// </summary>
internal sealed class PostgresUserDirectory : IUserDirectory, IAsyncDisposable
{
    private const string Columns = MetadataRows.UserColumns;

    private readonly PostgresDatabase _database;
    private readonly ActiveUsers _users;

    public PostgresUserDirectory(PostgresDatabase database, TimeProvider time)
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
            using var command = connection.Command($"SELECT {Columns} FROM users WHERE id = ANY($1)", [userIds.ToArray()]);
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
        try
        {
            await _database.ExecuteAsync(
                "UPDATE users SET handle = $2, display_name = $3, bio = $4, avatar_video_id = $5 WHERE id = $1",
                cancellationToken,
                profile.Id,
                profile.Handle,
                profile.DisplayName,
                profile.Bio,
                profile.AvatarVideoId).ConfigureAwait(false);
            return true;
        }
        catch (PostgresException failure) when (failure.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            return false;
        }
        finally
        {
            _users.Forget(profile.Id);
        }
    }

    public async ValueTask<int> ImportAsync(IReadOnlyList<UserProfile> profiles, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(profiles);
        if (profiles.Count == 0)
        {
            return 0;
        }

        // One statement is one transaction; ON CONFLICT without a target skips a taken id and a taken handle alike,
        // within the list as well as against the table.
        return await _database.ExecuteAsync(
            $"""
            INSERT INTO users ({Columns})
            SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::bigint[], $7::bigint[])
            ON CONFLICT DO NOTHING
            """,
            cancellationToken,
            profiles.Select(static p => p.Id).ToArray(),
            profiles.Select(static p => p.Handle).ToArray(),
            profiles.Select(static p => p.DisplayName).ToArray(),
            profiles.Select(static p => p.Bio).ToArray(),
            profiles.Select(static p => p.AvatarVideoId).ToArray(),
            profiles.Select(static p => p.CreatedAt.ToUnixTimeMilliseconds()).ToArray(),
            profiles.Select(static p => p.LastActiveAt.ToUnixTimeMilliseconds()).ToArray()).ConfigureAwait(false);
    }

    public async ValueTask ForgetAvatarAsync(string videoId, CancellationToken cancellationToken)
    {
        await _database.ExecuteAsync("UPDATE users SET avatar_video_id = NULL WHERE avatar_video_id = $1", cancellationToken, videoId).ConfigureAwait(false);
        _users.ForgetAll();
    }

    public ValueTask DisposeAsync() => _users.DisposeAsync();

    /// <summary>Writes a batch of pending hours in one statement; an hour never moves back.</summary>
    private async Task WriteHoursAsync(IReadOnlyList<KeyValuePair<string, DateTimeOffset>> batch) =>
        await _database.ExecuteAsync(
            """
            UPDATE users u SET last_active_at = t.hour
            FROM unnest($1::text[], $2::bigint[]) AS t(id, hour)
            WHERE u.id = t.id AND u.last_active_at < t.hour
            """,
            CancellationToken.None,
            batch.Select(static b => b.Key).ToArray(),
            batch.Select(static b => b.Value.ToUnixTimeMilliseconds()).ToArray()).ConfigureAwait(false);

    /// <summary>
    /// Inserts the user with the handle derived from their id, or with a suffix when another user holds it. ON
    /// CONFLICT DO NOTHING skips both a concurrent creation of the same user (then it exists) and a taken handle
    /// (then it does not).
    /// </summary>
    private static async Task<UserProfile> CreateAsync(NpgsqlConnection connection, string userId, DateTimeOffset hour, DateTimeOffset now, CancellationToken cancellationToken)
    {
        using var insert = connection.Command(
            $"INSERT INTO users ({Columns}) VALUES ($1, $2, $2, '', NULL, $3, $4) ON CONFLICT DO NOTHING",
            userId,
            string.Empty,
            now.ToUnixTimeMilliseconds(),
            hour.ToUnixTimeMilliseconds());
        for (var attempt = 0; ; attempt++)
        {
            insert.Parameters[1].Value = ProfileRules.CandidateHandle(userId, attempt);
            await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            if (await ReadAsync(connection, userId, cancellationToken).ConfigureAwait(false) is { } created)
            {
                return created;
            }
        }
    }

    private static async Task<UserProfile?> ReadAsync(NpgsqlConnection connection, string userId, CancellationToken cancellationToken)
    {
        using var command = connection.Command($"SELECT {Columns} FROM users WHERE id = $1", userId);
        using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? MetadataRows.ReadUser(reader) : null;
    }
}
