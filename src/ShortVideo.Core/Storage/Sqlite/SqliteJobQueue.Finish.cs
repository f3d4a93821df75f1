using ShortVideo.Jobs;

namespace ShortVideo.Storage.Sqlite;

internal sealed partial class SqliteJobQueue
{
    // lease_owner stays on a finished job: it tells an operator which worker ran it last.
    private const string Release = "lease_token = NULL, lease_expires_at = NULL";

    public ValueTask<bool> CompleteAsync(JobLease lease, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(lease);
        return UpdateLeasedAsync(lease, $"status = 2, {Release}", 0, null, cancellationToken);
    }

    public async ValueTask<JobFailureOutcome> FailAsync(JobLease lease, string error, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(lease);
        ArgumentNullException.ThrowIfNull(error);
        var retryAt = JobBackoff.RetryAt(lease.Attempt, _options, time.GetUtcNow());
        var assignments = retryAt is null ? "status = 3" : "status = 0, not_before = $value";
        var changed = await UpdateLeasedAsync(lease, $"{assignments}, last_error = $error, {Release}", retryAt?.ToUnixTimeMilliseconds() ?? 0, error, cancellationToken).ConfigureAwait(false);
        return JobBackoff.Outcome(changed, retryAt);
    }

    /// <summary>
    /// Applies <paramref name="assignments"/> only while the job is running under this lease's token: a
    /// worker whose lease expired and was taken over holds an old token and changes nothing.
    /// </summary>
    private async ValueTask<bool> UpdateLeasedAsync(JobLease lease, string assignments, long value, string? error, CancellationToken cancellationToken)
    {
        var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = connection.CreateCommand();
            command.CommandText = $"UPDATE jobs SET {assignments}, updated_at = $now WHERE id = $id AND status = 1 AND lease_token = $token";
            var p = command.Parameters;
            p.AddWithValue("$id", lease.JobId);
            p.AddWithValue("$token", lease.LeaseToken);
            p.AddWithValue("$now", time.GetUtcNow().ToUnixTimeMilliseconds());
            p.AddWithValue("$value", value);
            p.AddWithValue("$error", (object?)error ?? DBNull.Value);
            return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
        }
    }
}
