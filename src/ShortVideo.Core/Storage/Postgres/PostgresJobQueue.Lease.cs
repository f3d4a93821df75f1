using System.Security.Cryptography;
using Npgsql;
using ShortVideo.Jobs;

namespace ShortVideo.Storage.Postgres;

internal sealed partial class PostgresJobQueue
{
    // A running job whose lease expired had a worker that died or hung. Once that has used the last attempt, the job
    // is dead rather than handed to yet another worker that may crash the same way. SKIP LOCKED: a row another node
    // holds is that node's to sweep or lease, and waiting on it could deadlock two sweeps.
    private const string GiveUpAbandonedSql = """
        UPDATE jobs SET status = 3, lease_token = NULL, lease_expires_at = NULL, updated_at = $2,
            last_error = 'The worker stopped before finishing, ' || attempts || ' times.'
        WHERE id IN (
            SELECT id FROM jobs
            WHERE kind = $1 AND due_at IS NOT NULL AND due_at <= $2 AND status = 1 AND attempts >= $3
            FOR UPDATE SKIP LOCKED)
        """;

    // The job due the longest (queued past its not-before time, or running with an expired lease), in one scan of
    // jobs_due; Enqueue sets not_before to now, so fresh jobs run in the order they came. SKIP LOCKED passes over a
    // job another node is leasing this instant, so concurrent callers never get the same one and never wait. The
    // attempts check keeps a job at its last attempt from being leased when the sweep skipped it as locked.
    private const string LeaseSql = """
        UPDATE jobs SET status = 1, attempts = jobs.attempts + 1, lease_owner = $4, lease_token = $5,
            lease_expires_at = $6, updated_at = $2
        FROM (
            SELECT id FROM jobs
            WHERE kind = $1 AND due_at IS NOT NULL AND due_at <= $2 AND (status = 0 OR attempts < $3)
            ORDER BY due_at, id
            LIMIT 1
            FOR UPDATE SKIP LOCKED) AS due
        WHERE jobs.id = due.id
        RETURNING jobs.id, jobs.key, jobs.payload, jobs.attempts
        """;

    public async ValueTask<int> ReleaseLeasesAsync(string workerId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(workerId);

        // Expired as of now, not requeued: the attempt the dead worker used still counts, and TryLease's sweep gives
        // the job up when that was its last.
        return await ExecuteAsync(
            """
            UPDATE jobs SET lease_expires_at = $2, updated_at = $2
            WHERE status = 1 AND lease_owner = $1 AND lease_expires_at > $2
            """,
            cancellationToken,
            Text(workerId),
            Bigint(time.GetUtcNow().ToUnixTimeMilliseconds())).ConfigureAwait(false);
    }

    public async ValueTask<JobLease?> TryLeaseAsync(string kind, string workerId, TimeSpan leaseDuration, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(kind);
        ArgumentException.ThrowIfNullOrEmpty(workerId);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(leaseDuration, TimeSpan.Zero);
        var now = time.GetUtcNow();
        var expires = DateTimeOffset.FromUnixTimeMilliseconds((now + leaseDuration).ToUnixTimeMilliseconds());

        // 128 random bits: a stale worker must not hold the token of the lease that replaced its own.
        var token = RandomNumberGenerator.GetHexString(32, lowercase: true);
        var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            // One round trip, one implicit transaction: the sweep, then the pick.
            using var batch = new NpgsqlBatch(connection);
            batch.BatchCommands.Add(Command(GiveUpAbandonedSql, Text(kind), Bigint(now.ToUnixTimeMilliseconds()), Integer(_options.MaxAttempts)));
            batch.BatchCommands.Add(Command(
                LeaseSql,
                Text(kind),
                Bigint(now.ToUnixTimeMilliseconds()),
                Integer(_options.MaxAttempts),
                Text(workerId),
                Text(token),
                Bigint(expires.ToUnixTimeMilliseconds())));
            using var reader = await batch.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                return null;
            }

            return new JobLease
            {
                JobId = reader.GetInt64(0),
                Kind = kind,
                Key = reader.GetString(1),
                Payload = reader.IsDBNull(2) ? null : reader.GetString(2),
                Attempt = reader.GetInt32(3),
                LeaseToken = token,
                LeaseExpiresAt = expires,
            };
        }
    }

    public ValueTask<bool> RenewAsync(JobLease lease, TimeSpan leaseDuration, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(lease);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(leaseDuration, TimeSpan.Zero);
        var expires = time.GetUtcNow() + leaseDuration;
        return UpdateLeasedAsync(lease, "lease_expires_at = $4", expires.ToUnixTimeMilliseconds(), null, cancellationToken);
    }

    private static NpgsqlBatchCommand Command(string sql, params NpgsqlParameter[] parameters)
    {
        var command = new NpgsqlBatchCommand(sql);
        command.Parameters.AddRange(parameters);
        return command;
    }
}
