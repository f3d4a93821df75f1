using System.Security.Cryptography;
using ShortVideo.Jobs;

namespace ShortVideo.Storage.Sqlite;

internal sealed partial class SqliteJobQueue
{
    // A running job whose lease expired had a worker that died or hung. Once that has used the last
    // attempt, the job is dead rather than handed to yet another worker that may crash the same way.
    private const string GiveUpAbandonedSql = """
        UPDATE jobs SET status = 3, lease_token = NULL, lease_expires_at = NULL, updated_at = $now,
            last_error = 'The worker stopped before finishing, ' || attempts || ' times.'
        WHERE kind = $kind AND status = 1 AND lease_expires_at <= $now AND attempts >= $maxAttempts
        """;

    // The job due the longest: the first queued one by not-before time or the first expired lease,
    // each found through its own index, then the earlier of the two. Enqueue sets not_before to now, so
    // fresh jobs run in the order they came.
    private const string LeaseSql = """
        UPDATE jobs SET status = 1, attempts = attempts + 1, lease_owner = $owner, lease_token = $token,
            lease_expires_at = $expires, updated_at = $now
        WHERE id = (
            SELECT id FROM (
                SELECT * FROM (SELECT id, not_before AS due FROM jobs
                    WHERE kind = $kind AND status = 0 AND not_before <= $now ORDER BY not_before, id LIMIT 1)
                UNION ALL
                SELECT * FROM (SELECT id, lease_expires_at AS due FROM jobs
                    WHERE kind = $kind AND status = 1 AND lease_expires_at <= $now ORDER BY lease_expires_at, id LIMIT 1)
            ) ORDER BY due, id LIMIT 1)
        RETURNING id, key, payload, attempts
        """;

    public async ValueTask<int> ReleaseLeasesAsync(string workerId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(workerId);
        var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = connection.CreateCommand();

            // Expired as of now, not requeued: the attempt the dead worker used still counts, and TryLease's sweep
            // gives the job up when that was its last.
            command.CommandText = """
                UPDATE jobs SET lease_expires_at = $now, updated_at = $now
                WHERE status = 1 AND lease_owner = $owner AND lease_expires_at > $now
                """;
            command.Parameters.AddWithValue("$owner", workerId);
            command.Parameters.AddWithValue("$now", time.GetUtcNow().ToUnixTimeMilliseconds());
            return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public async ValueTask<JobLease?> TryLeaseAsync(string kind, string workerId, TimeSpan leaseDuration, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(kind);
        ArgumentException.ThrowIfNullOrEmpty(workerId);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(leaseDuration, TimeSpan.Zero);
        var now = time.GetUtcNow();
        var expires = now + leaseDuration;

        // 128 random bits: a stale worker must not hold the token of the lease that replaced its own.
        var token = RandomNumberGenerator.GetHexString(32, lowercase: true);
        var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            // BEGIN IMMEDIATE (the default of BeginTransaction) takes the write lock up front, so the sweep
            // and the pick see the same rows and concurrent callers queue on the lock instead of racing.
            using var transaction = connection.BeginTransaction();
            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.Parameters.AddWithValue("$kind", kind);
            command.Parameters.AddWithValue("$now", now.ToUnixTimeMilliseconds());
            command.Parameters.AddWithValue("$maxAttempts", _options.MaxAttempts);
            command.Parameters.AddWithValue("$owner", workerId);
            command.Parameters.AddWithValue("$token", token);
            command.Parameters.AddWithValue("$expires", expires.ToUnixTimeMilliseconds());
            command.CommandText = GiveUpAbandonedSql;
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);

            command.CommandText = LeaseSql;
            JobLease? lease = null;
            using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
            {
                if (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    lease = new JobLease
                    {
                        JobId = reader.GetInt64(0),
                        Kind = kind,
                        Key = reader.GetString(1),
                        Payload = reader.IsDBNull(2) ? null : reader.GetString(2),
                        Attempt = reader.GetInt32(3),
                        LeaseToken = token,
                        LeaseExpiresAt = DateTimeOffset.FromUnixTimeMilliseconds(expires.ToUnixTimeMilliseconds()),
                    };
                }
            }

            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            return lease;
        }
    }

    public ValueTask<bool> RenewAsync(JobLease lease, TimeSpan leaseDuration, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(lease);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(leaseDuration, TimeSpan.Zero);
        var expires = time.GetUtcNow() + leaseDuration;
        return UpdateLeasedAsync(lease, "lease_expires_at = $value", expires.ToUnixTimeMilliseconds(), null, cancellationToken);
    }
}
