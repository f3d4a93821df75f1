using ShortVideo.Jobs;

namespace ShortVideo.Core.Tests.Jobs;

/// <summary>The retry delay after a failed attempt: arithmetic, the same for every queue.</summary>
public sealed class JobBackoffTests
{
    [Fact]
    public void Backoff_doubles_with_each_attempt_and_stops_at_the_maximum()
    {
        var options = new JobQueueOptions { RetryBaseDelay = TimeSpan.FromSeconds(5), RetryMaxDelay = TimeSpan.FromMinutes(5) };

        Assert.Equal(TimeSpan.FromSeconds(5), JobBackoff.DelayAfter(1, options));
        Assert.Equal(TimeSpan.FromSeconds(10), JobBackoff.DelayAfter(2, options));
        Assert.Equal(TimeSpan.FromSeconds(160), JobBackoff.DelayAfter(6, options));
        Assert.Equal(TimeSpan.FromMinutes(5), JobBackoff.DelayAfter(7, options));
        Assert.Equal(TimeSpan.FromMinutes(5), JobBackoff.DelayAfter(200, options));
    }
}
