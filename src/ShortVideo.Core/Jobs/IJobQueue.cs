namespace ShortVideo.Jobs;

/// <summary>
/// A durable queue of background work (transcodes, fingerprints...). A job is identified by its kind and
/// key, so whoever reacts to an event twice still creates the work once. Workers lease a job for a while,
/// renew the lease while they work, then complete or fail it; a job whose worker died is leased again
/// when its lease expires. Every call that changes a leased job checks the lease token, so a worker that
/// lost its lease cannot overwrite the work of the one that took the job over.
/// </summary>
public interface IJobQueue
{
    /// <summary>Adds a job unless one of the same kind and key exists (in any status); true when it was added.</summary>
    ValueTask<bool> EnqueueAsync(JobRequest request, CancellationToken cancellationToken);

    /// <summary>
    /// Leases the runnable job of <paramref name="kind"/> that has been due the longest (queued and past its
    /// not-before time, or running with an expired lease), or returns null when there is none. Concurrent
    /// callers never get the same job. A job whose lease expired after its last allowed attempt is marked
    /// failed instead of being leased again.
    /// </summary>
    ValueTask<JobLease?> TryLeaseAsync(string kind, string workerId, TimeSpan leaseDuration, CancellationToken cancellationToken);

    /// <summary>
    /// Makes the running jobs leased by <paramref name="workerId"/> leasable at once instead of when their leases
    /// expire. Only that worker calls it, when it starts again after dying: nothing can still be working on them.
    /// Returns how many were released.
    /// </summary>
    ValueTask<int> ReleaseLeasesAsync(string workerId, CancellationToken cancellationToken);

    /// <summary>Extends the lease to now + <paramref name="leaseDuration"/>; false when the lease was lost.</summary>
    ValueTask<bool> RenewAsync(JobLease lease, TimeSpan leaseDuration, CancellationToken cancellationToken);

    /// <summary>Marks the job succeeded; false (and nothing changes) when the lease was lost.</summary>
    ValueTask<bool> CompleteAsync(JobLease lease, CancellationToken cancellationToken);

    /// <summary>
    /// Records <paramref name="error"/> and either queues the job again after a backoff or, after its last
    /// allowed attempt, marks it failed for good.
    /// </summary>
    ValueTask<JobFailureOutcome> FailAsync(JobLease lease, string error, CancellationToken cancellationToken);

    /// <summary>Returns the job of that kind and key, or null.</summary>
    ValueTask<JobInfo?> GetAsync(string kind, string key, CancellationToken cancellationToken);
}
