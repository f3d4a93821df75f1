using ShortVideo.Jobs;

namespace ShortVideo.Storage.Postgres;

internal sealed partial class PostgresJobQueue
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
        var assignments = retryAt is null ? "status = 3" : "status = 0, not_before = $4";
        var changed = await UpdateLeasedAsync(lease, $"{assignments}, last_error = $5, {Release}", retryAt?.ToUnixTimeMilliseconds() ?? 0, error, cancellationToken).ConfigureAwait(false);
        return JobBackoff.Outcome(changed, retryAt);
    }

    /// <summary>
    /// Applies <paramref name="assignments"/> (which may use $4, the value, and $5, the error) only while the job is
    /// running under this lease's token: a worker whose lease expired and was taken over, on this node or another,
    /// holds an old token and changes nothing. The row lock of the UPDATE orders it against a concurrent lease.
    /// </summary>
    private async ValueTask<bool> UpdateLeasedAsync(JobLease lease, string assignments, long value, string? error, CancellationToken cancellationToken) =>
        await ExecuteAsync(
            $"UPDATE jobs SET {assignments}, updated_at = $3 WHERE id = $1 AND status = 1 AND lease_token = $2",
            cancellationToken,
            Bigint(lease.JobId),
            Text(lease.LeaseToken),
            Bigint(time.GetUtcNow().ToUnixTimeMilliseconds()),
            Bigint(value),
            Text(error)).ConfigureAwait(false) == 1;
}
