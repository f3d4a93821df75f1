using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using ShortVideo.Jobs;

namespace ShortVideo.Storage.Sqlite;

/// <summary>
/// The job queue in the embedded database: one row per (kind, key). Status numbers in the SQL are
/// <see cref="JobStatus"/> values written out, because the partial index on running jobs only serves
/// queries that name status = 1 literally.
/// </summary>
internal sealed partial class SqliteJobQueue(SqliteDatabase database, IOptions<JobQueueOptions> options, TimeProvider time) : IJobQueue
{
    private const string Columns = "id, kind, key, payload, status, attempts, not_before, lease_owner, lease_expires_at, last_error, created_at, updated_at";

    private readonly JobQueueOptions _options = options.Value;

    public async ValueTask<bool> EnqueueAsync(JobRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentException.ThrowIfNullOrEmpty(request.Kind);
        ArgumentException.ThrowIfNullOrEmpty(request.Key);
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = connection.CreateCommand();

            // DO NOTHING, whatever the existing job's status: the key names the work, and reacting twice to
            // the same event (a redelivered video.uploaded) must not transcode twice.
            command.CommandText = """
                INSERT INTO jobs (kind, key, payload, status, attempts, not_before, created_at, updated_at)
                VALUES ($kind, $key, $payload, 0, 0, $notBefore, $now, $now)
                ON CONFLICT (kind, key) DO NOTHING
                """;
            var p = command.Parameters;
            p.AddWithValue("$kind", request.Kind);
            p.AddWithValue("$key", request.Key);
            p.AddWithValue("$payload", (object?)request.Payload ?? DBNull.Value);
            p.AddWithValue("$notBefore", request.NotBefore is { } notBefore ? notBefore.ToUnixTimeMilliseconds() : now);
            p.AddWithValue("$now", now);
            return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
        }
    }

    public async ValueTask<JobInfo?> GetAsync(string kind, string key, CancellationToken cancellationToken)
    {
        var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = connection.CreateCommand();
            command.CommandText = $"SELECT {Columns} FROM jobs WHERE kind = $kind AND key = $key";
            command.Parameters.AddWithValue("$kind", kind);
            command.Parameters.AddWithValue("$key", key);
            using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? Read(reader) : null;
        }
    }

    private static JobInfo Read(SqliteDataReader r) => new()
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
}
