using ShortVideo.Jobs;
using ShortVideo.Testing;

namespace ShortVideo.Core.Tests.Jobs;

public abstract class JobRetryContract(MetadataEngineKind kind) : JobQueueTestBase(kind)
{
    [Fact]
    public async Task A_failed_job_is_retried_with_exponential_backoff_then_fails_for_good_after_max_attempts()
    {
        await using var node = Open();
        var first = await node.EnqueueAndLeaseAsync("v1", "w1");
        var retry = await node.Queue.FailAsync(first, "probe crashed", None);
        Assert.Equal(JobFailureResult.WillRetry, retry.Result);
        Assert.Equal(Time.GetUtcNow().AddSeconds(5), retry.RetryAt);
        Assert.Equal(JobStatus.Queued, (await node.GetAsync("v1")).Status);
        Assert.Equal("probe crashed", (await node.GetAsync("v1")).LastError);

        Time.Advance(TimeSpan.FromSeconds(5) - TimeSpan.FromMilliseconds(1));
        Assert.Null(await node.LeaseAsync("w1"));
        Time.Advance(TimeSpan.FromMilliseconds(1));
        var second = (await node.LeaseAsync("w1"))!;
        Assert.Equal(2, second.Attempt);

        retry = await node.Queue.FailAsync(second, "ffmpeg exited 1", None);
        Assert.Equal(Time.GetUtcNow().AddSeconds(10), retry.RetryAt);
        Time.Advance(TimeSpan.FromSeconds(9));
        Assert.Null(await node.LeaseAsync("w1"));
        Time.Advance(TimeSpan.FromSeconds(1));
        var third = (await node.LeaseAsync("w1"))!;
        Assert.Equal(3, third.Attempt);

        var gaveUp = await node.Queue.FailAsync(third, "ffmpeg exited 2", None);
        Assert.Equal(JobFailureResult.GaveUp, gaveUp.Result);
        Assert.Null(gaveUp.RetryAt);
        var job = await node.GetAsync("v1");
        Assert.Equal(JobStatus.Failed, job.Status);
        Assert.Equal(3, job.Attempts);
        Assert.Equal("ffmpeg exited 2", job.LastError);
        Time.Advance(TimeSpan.FromDays(1));
        Assert.Null(await node.LeaseAsync("w1"));
    }

    [Fact]
    public async Task A_job_abandoned_max_attempts_times_ends_failed_with_the_worker_stopped_sentence()
    {
        await using var node = Open();
        await node.EnqueueAsync(Job("crashes"));
        for (var attempt = 1; attempt <= 3; attempt++)
        {
            Assert.Equal(attempt, (await node.LeaseAsync($"w{attempt}"))?.Attempt);
            Time.Advance(LeaseDuration);
        }

        await node.EnqueueAsync(Job("next"));
        var next = await node.LeaseAsync("w4");
        Assert.Equal("next", next?.Key);
        Assert.True(await node.Queue.CompleteAsync(next!, None));

        var job = await node.GetAsync("crashes");
        Assert.Equal(JobStatus.Failed, job.Status);
        Assert.Equal(3, job.Attempts);
        Assert.Equal("The worker stopped before finishing, 3 times.", job.LastError);
        Time.Advance(LeaseDuration);
        Assert.Null(await node.LeaseAsync("w5"));
    }

    [Fact]
    public async Task Renewing_extends_the_lease_and_fails_after_someone_else_re_leased_the_job()
    {
        await using var node = Open();
        var lease = await node.EnqueueAndLeaseAsync("v1", "w1");

        Time.Advance(TimeSpan.FromSeconds(50));
        Assert.True(await node.Queue.RenewAsync(lease, LeaseDuration, None));
        Time.Advance(TimeSpan.FromSeconds(50));
        Assert.Null(await node.LeaseAsync("w2"));
        Assert.Equal(Time.GetUtcNow().AddSeconds(10), (await node.GetAsync("v1")).LeaseExpiresAt);

        Time.Advance(TimeSpan.FromSeconds(10));
        var takenOver = await node.LeaseAsync("w2");
        Assert.NotNull(takenOver);
        Assert.False(await node.Queue.RenewAsync(lease, LeaseDuration, None));
        Assert.True(await node.Queue.RenewAsync(takenOver, LeaseDuration, None));
        Assert.Equal("w2", (await node.GetAsync("v1")).LeaseOwner);
    }

    [Fact]
    public async Task A_finished_job_cannot_be_renewed_or_failed()
    {
        await using var node = Open();
        var lease = await node.EnqueueAndLeaseAsync("v1", "w1");
        await node.Queue.CompleteAsync(lease, None);

        Assert.False(await node.Queue.RenewAsync(lease, LeaseDuration, None));
        Assert.Equal(JobFailureResult.LeaseLost, (await node.Queue.FailAsync(lease, "late", None)).Result);
        var job = await node.GetAsync("v1");
        Assert.Equal(JobStatus.Succeeded, job.Status);
        Assert.Null(job.LastError);
    }
}

/// <summary>Failing, retrying and renewing jobs on SQLite.</summary>
public sealed class SqliteJobRetryTests() : JobRetryContract(MetadataEngineKind.Sqlite);

/// <summary>Failing, retrying and renewing jobs on PostgreSQL.</summary>
public sealed class PostgresJobRetryTests() : JobRetryContract(MetadataEngineKind.Postgres);
