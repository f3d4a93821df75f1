using ShortVideo.Testing;

namespace ShortVideo.Core.Tests.Jobs;

/// <summary>A worker that starts again takes back the jobs it held at once; nobody else's, and with the attempt counted.</summary>
public abstract class LeaseReleaseContract(MetadataEngineKind kind) : JobQueueTestBase(kind)
{
    [Fact]
    public async Task A_restarted_worker_leases_its_own_abandoned_job_at_once_instead_of_after_the_lease()
    {
        await using (var dead = Open())
        {
            await dead.EnqueueAndLeaseAsync("v1", "host-w0");
        }

        await using var restarted = Open();
        Assert.Null(await restarted.LeaseAsync("host-w0"));

        Assert.Equal(1, await restarted.Queue.ReleaseLeasesAsync("host-w0", None));

        var lease = await restarted.LeaseAsync("host-w0");
        Assert.NotNull(lease);
        Assert.Equal("v1", lease.Key);
        Assert.Equal(2, lease.Attempt);
    }

    [Fact]
    public async Task Releasing_one_workers_leases_leaves_another_workers_running_job_alone()
    {
        await using var node = Open();
        var other = await node.EnqueueAndLeaseAsync("v1", "host-w1");

        Assert.Equal(0, await node.Queue.ReleaseLeasesAsync("host-w0", None));

        Assert.Null(await node.LeaseAsync("host-w0"));
        Assert.True(await node.Queue.RenewAsync(other, LeaseDuration, None));
    }
}

/// <summary>Releasing a restarted worker's leases on SQLite.</summary>
public sealed class SqliteLeaseReleaseTests() : LeaseReleaseContract(MetadataEngineKind.Sqlite);

/// <summary>Releasing a restarted worker's leases on PostgreSQL.</summary>
public sealed class PostgresLeaseReleaseTests() : LeaseReleaseContract(MetadataEngineKind.Postgres);
