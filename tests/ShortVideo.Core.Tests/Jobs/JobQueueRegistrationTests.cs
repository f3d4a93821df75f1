using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using ShortVideo.Jobs;
using ShortVideo.Storage.Sqlite;

namespace ShortVideo.Core.Tests.Jobs;

public sealed class JobQueueRegistrationTests
{
    [Fact]
    public void The_job_queue_shares_the_database_registration_of_sqlite_metadata_in_either_order()
    {
        var queueFirst = new ServiceCollection();
        queueFirst.AddShortVideo().AddSqliteJobQueue().AddSqliteMetadata();
        var metadataFirst = new ServiceCollection();
        metadataFirst.AddShortVideo().AddSqliteMetadata().AddSqliteJobQueue();

        Assert.Single(queueFirst, d => d.ServiceType == typeof(SqliteDatabase));
        Assert.Single(metadataFirst, d => d.ServiceType == typeof(SqliteDatabase));
        Assert.Single(metadataFirst, d => d.ServiceType == typeof(IJobQueue));
    }

    [Theory]
    [InlineData(0, 5, 300, "Jobs:MaxAttempts")]
    [InlineData(3, 0, 300, "Jobs:RetryBaseDelay")]
    [InlineData(3, 5, 0, "Jobs:RetryMaxDelay")]
    [InlineData(3, 60, 30, "Jobs:RetryMaxDelay must not be shorter")]
    public void Options_that_are_not_positive_or_out_of_order_are_rejected(int maxAttempts, int baseSeconds, int maxSeconds, string message)
    {
        var services = new ServiceCollection();
        services.AddShortVideo().AddSqliteJobQueue(o =>
        {
            o.MaxAttempts = maxAttempts;
            o.RetryBaseDelay = TimeSpan.FromSeconds(baseSeconds);
            o.RetryMaxDelay = TimeSpan.FromSeconds(maxSeconds);
        });
        using var provider = services.BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<JobQueueOptions>>().Value);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }
}
