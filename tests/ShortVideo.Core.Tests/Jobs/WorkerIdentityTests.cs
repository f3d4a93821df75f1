using ShortVideo.Media.Pipeline;

namespace ShortVideo.Core.Tests.Jobs;

/// <summary>The names workers lease under, kept per data directory so a restarted worker can release its own leases.</summary>
public sealed class WorkerIdentityTests
{
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
