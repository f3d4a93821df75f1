using ShortVideo.Media.Pipeline;

namespace ShortVideo.Core.Tests.Jobs;

/// <summary>A worker that starts again takes back the jobs it held at once; nobody else's, and with the attempt counted.</summary>
public sealed class LeaseReleaseTests : JobQueueTestBase
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

    [Fact]
    public void Two_live_workers_on_one_data_directory_get_different_names_and_a_restarted_one_gets_its_old_name_back()
    {
        var dataDir = Directory.CreateTempSubdirectory("sv-workers-").FullName;
        try
        {
            string first;
            using (var a = WorkerIdentity.Acquire(configured: null, dataDir))
            {
                first = a.Id;
                using var b = WorkerIdentity.Acquire(configured: null, dataDir);
                Assert.NotEqual(a.Id, b.Id);
            }

            using var again = WorkerIdentity.Acquire(configured: null, dataDir);
            Assert.Equal(first, again.Id);
            using var named = WorkerIdentity.Acquire("media-7", dataDir);
            Assert.Equal("media-7", named.Id);
        }
        finally
        {
            Directory.Delete(dataDir, recursive: true);
        }
    }
}
