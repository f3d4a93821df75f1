using System.Collections.Concurrent;
using System.Globalization;
using ShortVideo.Jobs;
using ShortVideo.Testing;

namespace ShortVideo.Core.Tests.Jobs;

public abstract class JobLeaseContract(MetadataEngineKind kind) : JobQueueTestBase(kind)
{
    [Fact]
    public async Task Enqueuing_the_same_kind_and_key_twice_creates_one_job()
    {
        await using var node = Open();

        Assert.True(await node.EnqueueAsync(Job("v1", payload: "{\"first\":true}")));
        Assert.False(await node.EnqueueAsync(Job("v1", payload: "{\"first\":false}")));

        var job = await node.GetAsync("v1");
        Assert.Equal(JobStatus.Queued, job.Status);
        Assert.Equal(0, job.Attempts);
        Assert.Equal("{\"first\":true}", job.Payload);
        Assert.NotNull(await node.LeaseAsync("w1"));
        Assert.Null(await node.LeaseAsync("w2"));
    }

    [Fact]
    public async Task A_finished_job_is_not_created_again_by_a_second_enqueue()
    {
        await using var node = Open();
        Assert.True(await node.Queue.CompleteAsync(await node.EnqueueAndLeaseAsync("v1", "w1"), None));

        Assert.False(await node.EnqueueAsync(Job("v1")));
        Assert.Equal(JobStatus.Succeeded, (await node.GetAsync("v1")).Status);
        Assert.Null(await node.LeaseAsync("w1"));
    }

    [Fact]
    public async Task A_leased_job_is_not_leased_again_while_its_lease_is_valid()
    {
        await using var node = Open();
        var lease = await node.EnqueueAndLeaseAsync("v1", "w1");

        Time.Advance(LeaseDuration - TimeSpan.FromMilliseconds(1));

        Assert.Equal(1, lease.Attempt);
        Assert.Null(await node.LeaseAsync("w2"));
        var job = await node.GetAsync("v1");
        Assert.Equal(JobStatus.Running, job.Status);
        Assert.Equal("w1", job.LeaseOwner);
        Assert.Equal(lease.LeaseExpiresAt, job.LeaseExpiresAt);
    }

    [Fact]
    public async Task Twenty_concurrent_lease_calls_from_two_processes_over_five_jobs_hand_out_each_job_exactly_once()
    {
        await using var first = Open();
        for (var i = 0; i < 5; i++)
        {
            await first.EnqueueAsync(Job($"v{i}"));
        }

        // The first node migrated the database; a second SqliteDatabase or PostgresDatabase on it is another node.
        await using var second = Open();
        var calls = new Task<JobLease?>[20];
        for (var i = 0; i < calls.Length; i++)
        {
            var node = i % 2 == 0 ? first : second;
            var worker = $"w{i}";
            calls[i] = Task.Run(async () => await node.LeaseAsync(worker));
        }

        var leases = (await Task.WhenAll(calls)).OfType<JobLease>().ToList();

        Assert.Equal(5, leases.Count);
        Assert.Equal(5, leases.Select(l => l.JobId).Distinct().Count());
        Assert.Equal(5, leases.Select(l => l.LeaseToken).Distinct().Count());
        Assert.All(leases, l => Assert.Equal(1, l.Attempt));
        Assert.Null(await first.LeaseAsync("late"));
    }

    [Fact]
    public async Task Twelve_workers_on_four_nodes_leasing_at_once_never_share_a_live_lease_and_finish_each_job_exactly_once()
    {
        const int Jobs = 80;
        var nodes = new List<Node>();
        for (var n = 0; n < 4; n++)
        {
            nodes.Add(Open());
        }

        for (var i = 0; i < Jobs; i++)
        {
            await nodes[i % nodes.Count].EnqueueAsync(Job($"v{i}"));
        }

        // Every seventh job fails its first attempt and comes back after the backoff, leased by whichever worker is first.
        var completed = new ConcurrentDictionary<string, int>(StringComparer.Ordinal);
        var firstRound = await WorkAllAsync(nodes, completed, failFirstAttemptOf: key => int.Parse(key[1..], CultureInfo.InvariantCulture) % 7 == 0);
        Time.Advance(TimeSpan.FromSeconds(5));
        var secondRound = await WorkAllAsync(nodes, completed, failFirstAttemptOf: _ => false);

        // The clock stood still within a round, so every lease of a round was live until its job finished.
        Assert.Equal(Jobs, firstRound.Count);
        Assert.Equal(firstRound.Count, firstRound.Select(l => l.JobId).Distinct().Count());
        Assert.Equal(Jobs / 7 + 1, secondRound.Count);
        Assert.All(secondRound, l => Assert.Equal(2, l.Attempt));
        Assert.Equal(Jobs, completed.Count);
        Assert.All(completed.Values, count => Assert.Equal(1, count));
        foreach (var node in nodes)
        {
            Assert.Null(await node.LeaseAsync("late"));
            await node.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_job_whose_worker_died_is_leased_again_by_another_node_with_attempt_two_and_the_stale_worker_cannot_finish_it()
    {
        await using var node = Open();
        await using var other = Open();
        var stale = await node.EnqueueAndLeaseAsync("v1", "w1");

        Time.Advance(LeaseDuration);
        var fresh = await other.LeaseAsync("w2");

        Assert.NotNull(fresh);
        Assert.Equal(stale.JobId, fresh.JobId);
        Assert.Equal(2, fresh.Attempt);
        Assert.NotEqual(stale.LeaseToken, fresh.LeaseToken);
        Assert.False(await node.Queue.CompleteAsync(stale, None));
        Assert.Equal(JobFailureResult.LeaseLost, (await node.Queue.FailAsync(stale, "late", None)).Result);
        Assert.False(await node.Queue.RenewAsync(stale, LeaseDuration, None));
        var job = await other.GetAsync("v1");
        Assert.Equal(JobStatus.Running, job.Status);
        Assert.Equal("w2", job.LeaseOwner);
        Assert.Equal(fresh.LeaseExpiresAt, job.LeaseExpiresAt);
        Assert.Null(job.LastError);

        Assert.True(await other.Queue.CompleteAsync(fresh, None));
        Assert.Equal(JobStatus.Succeeded, (await node.GetAsync("v1")).Status);
        Assert.False(await other.Queue.CompleteAsync(fresh, None));
    }

    [Fact]
    public async Task A_job_is_not_leased_before_its_not_before_time()
    {
        await using var node = Open();
        await node.EnqueueAsync(Job("v1") with { NotBefore = Time.GetUtcNow().AddSeconds(30) });

        Time.Advance(TimeSpan.FromSeconds(29));
        Assert.Null(await node.LeaseAsync("w1"));
        Time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal("v1", (await node.LeaseAsync("w1"))?.Key);
    }

    [Fact]
    public async Task Jobs_are_leased_in_the_order_they_became_due()
    {
        await using var node = Open();
        await node.EnqueueAsync(Job("later") with { NotBefore = Time.GetUtcNow().AddSeconds(2) });
        await node.EnqueueAsync(Job("first"));
        Time.Advance(TimeSpan.FromSeconds(1));
        await node.EnqueueAsync(Job("second"));
        Time.Advance(TimeSpan.FromSeconds(5));

        Assert.Equal("first", (await node.LeaseAsync("w"))?.Key);
        Assert.Equal("second", (await node.LeaseAsync("w"))?.Key);
        Assert.Equal("later", (await node.LeaseAsync("w"))?.Key);
    }

    [Fact]
    public async Task Kinds_are_independent()
    {
        await using var node = Open();
        Assert.True(await node.EnqueueAsync(Job("v1", kind: "transcode", payload: "t")));
        Assert.True(await node.EnqueueAsync(Job("v1", kind: "thumbnail", payload: "p")));

        var thumbnail = await node.LeaseAsync("w1", kind: "thumbnail");
        Assert.Null(await node.LeaseAsync("w1", kind: "thumbnail"));
        Assert.Null(await node.LeaseAsync("w1", kind: "fingerprint"));
        Assert.Equal("p", thumbnail?.Payload);
        Assert.True(await node.Queue.CompleteAsync(thumbnail!, None));

        Assert.Equal(JobStatus.Queued, (await node.GetAsync("v1", kind: "transcode")).Status);
        var transcode = await node.LeaseAsync("w2", kind: "transcode");
        Assert.Equal("t", transcode?.Payload);
        Assert.Equal("transcode", transcode?.Kind);
    }

    [Fact]
    public async Task Queued_and_running_jobs_survive_reopening_the_database()
    {
        JobLease running;
        await using (var before = Open())
        {
            await before.EnqueueAsync(Job("running", payload: "r"));
            await before.EnqueueAsync(Job("queued", payload: "q"));
            running = (await before.LeaseAsync("w1"))!;
        }

        await using var after = Open();
        Assert.Equal(JobStatus.Running, (await after.GetAsync("running")).Status);
        Assert.Equal(JobStatus.Queued, (await after.GetAsync("queued")).Status);
        Assert.Equal("q", (await after.LeaseAsync("w2"))?.Payload);
        Assert.Null(await after.LeaseAsync("w2"));
        Assert.True(await after.Queue.RenewAsync(running, LeaseDuration, None));
        Assert.True(await after.Queue.CompleteAsync(running, None));
        Assert.Equal(JobStatus.Succeeded, (await after.GetAsync("running")).Status);
    }

    /// <summary>Three workers per node lease until none gets a job; returns every lease handed out.</summary>
    private static async Task<List<JobLease>> WorkAllAsync(List<Node> nodes, ConcurrentDictionary<string, int> completed, Func<string, bool> failFirstAttemptOf)
    {
        var leases = new ConcurrentBag<JobLease>();
        var workers = nodes.SelectMany((node, n) => Enumerable.Range(0, 3).Select(w => Task.Run(async () =>
        {
            while (await node.LeaseAsync($"n{n}-w{w}") is { } lease)
            {
                leases.Add(lease);
                if (lease.Attempt == 1 && failFirstAttemptOf(lease.Key))
                {
                    Assert.Equal(JobFailureResult.WillRetry, (await node.Queue.FailAsync(lease, "flaky", None)).Result);
                    continue;
                }

                Assert.True(await node.Queue.CompleteAsync(lease, None));
                completed.AddOrUpdate(lease.Key, 1, (_, count) => count + 1);
            }
        })));
        await Task.WhenAll(workers);
        return [.. leases];
    }
}

/// <summary>Leasing jobs on SQLite.</summary>
public sealed class SqliteJobLeaseTests() : JobLeaseContract(MetadataEngineKind.Sqlite);

/// <summary>Leasing jobs on PostgreSQL.</summary>
public sealed class PostgresJobLeaseTests() : JobLeaseContract(MetadataEngineKind.Postgres);
