using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;
using ShortVideo.Jobs;

namespace ShortVideo.Storage.Postgres;

/// <summary>
/// The job queue in PostgreSQL, shared by every node: one row per (kind, key), the same statuses, attempts, backoff
/// and lease tokens as the SQLite queue. Status numbers in the SQL are <see cref="JobStatus"/> values written out.
/// </summary>
internal sealed partial class PostgresJobQueue(PostgresDatabase database, IOptions<JobQueueOptions> options, TimeProvider time) : IJobQueue
{
    private const string Columns = "id, kind, key, payload, status, attempts, not_before, lease_owner, lease_expires_at, last_error, created_at, updated_at";

    private readonly JobQueueOptions _options = options.Value;

    public async ValueTask<bool> EnqueueAsync(JobRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentException.ThrowIfNullOrEmpty(request.Kind);
        ArgumentException.ThrowIfNullOrEmpty(request.Key);
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();

        // DO NOTHING, whatever the existing job's status: the key names the work, and reacting twice to the same
        // event (a redelivered video.uploaded, on this node or another) must not transcode twice.
        return await ExecuteAsync(
            """
            INSERT INTO jobs (kind, key, payload, status, attempts, not_before, created_at, updated_at)
            VALUES ($1, $2, $3, 0, 0, $4, $5, $5)
            ON CONFLICT (kind, key) DO NOTHING
            """,
            cancellationToken,
            Text(request.Kind),
            Text(request.Key),
            Text(request.Payload),
            Bigint(request.NotBefore is { } notBefore ? notBefore.ToUnixTimeMilliseconds() : now),
            Bigint(now)).ConfigureAwait(false) == 1;
    }

    public async ValueTask<JobInfo?> GetAsync(string kind, string key, CancellationToken cancellationToken)
    {
        var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = new NpgsqlCommand($"SELECT {Columns} FROM jobs WHERE kind = $1 AND key = $2", connection);
            command.Parameters.Add(Text(kind));
            command.Parameters.Add(Text(key));
            using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? Read(reader) : null;
        }
    }

    private static JobInfo Read(NpgsqlDataReader r) => new()
    {
        JobId = r.GetInt64(0),
        Kind = r.GetString(1),
        Key = r.GetString(2),
        Payload = r.IsDBNull(3) ? null : r.GetString(3),
        Status = (JobStatus)r.GetInt32(4),
        Attempts = r.GetInt32(5),
        NotBefore = DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(6)),
        LeaseOwner = r.IsDBNull(7) ? null : r.GetString(7),
        LeaseExpiresAt = r.IsDBNull(8) ? null : DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(8)),
        LastError = r.IsDBNull(9) ? null : r.GetString(9),
        CreatedAt = DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(10)),
        UpdatedAt = DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(11)),
    };

    private static NpgsqlParameter Text(string? value) => new() { Value = (object?)value ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text };

    private static NpgsqlParameter Bigint(long value) => new() { Value = value, NpgsqlDbType = NpgsqlDbType.Bigint };

    private static NpgsqlParameter Integer(int value) => new() { Value = value, NpgsqlDbType = NpgsqlDbType.Integer };

    private async ValueTask<int> ExecuteAsync(string sql, CancellationToken cancellationToken, params NpgsqlParameter[] parameters)
    {
        var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = new NpgsqlCommand(sql, connection);
            command.Parameters.AddRange(parameters);
            return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }
}
