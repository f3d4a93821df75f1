using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using ShortVideo.Jobs;

namespace ShortVideo.Core.Tests.Jobs;

/// <summary>
/// Each test gets its own data directory with a real shortvideo.db and a manual clock; <see cref="Open"/>
/// starts a "process" on it (its own service provider and SqliteDatabase), so a test can run several.
/// </summary>
public abstract class JobQueueTestBase : IDisposable
{
    protected const string Transcode = "transcode";

    protected static readonly TimeSpan LeaseDuration = TimeSpan.FromMinutes(1);

    protected static readonly CancellationToken None = CancellationToken.None;

    private readonly string _dataDir = Directory.CreateTempSubdirectory("sv-jobs-").FullName;

    internal ManualTimeProvider Time { get; } = new();

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_dataDir, recursive: true);
        GC.SuppressFinalize(this);
    }

    internal Node Open(Action<JobQueueOptions>? configure = null)
    {
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(Time);
        services.Configure<DataDirectoryOptions>(o => o.Path = _dataDir);
        services.AddShortVideo().AddSqliteMetadata().AddSqliteJobQueue(o =>
        {
            o.MaxAttempts = 3;
            o.RetryBaseDelay = TimeSpan.FromSeconds(5);
            o.RetryMaxDelay = TimeSpan.FromMinutes(5);
            configure?.Invoke(o);
        });
        return new Node(services.BuildServiceProvider());
    }

    internal static JobRequest Job(string key, string kind = Transcode, string? payload = null) =>
        new() { Kind = kind, Key = key, Payload = payload };

    /// <summary>One process using the queue.</summary>
    internal sealed class Node(ServiceProvider services) : IAsyncDisposable
    {
        public IJobQueue Queue { get; } = services.GetRequiredService<IJobQueue>();

        public ValueTask<bool> EnqueueAsync(JobRequest request) => Queue.EnqueueAsync(request, None);

        /// <summary>A fresh job of the default kind, leased: the start of most stories.</summary>
        public async Task<JobLease> EnqueueAndLeaseAsync(string key, string workerId)
        {
            Assert.True(await EnqueueAsync(Job(key)));
            return await LeaseAsync(workerId) ?? throw new InvalidOperationException($"Job {key} was not leased.");
        }

        public ValueTask<JobLease?> LeaseAsync(string workerId, string kind = Transcode) =>
            Queue.TryLeaseAsync(kind, workerId, LeaseDuration, None);

        public async Task<JobInfo> GetAsync(string key, string kind = Transcode) =>
            await Queue.GetAsync(kind, key, None) ?? throw new InvalidOperationException($"No job {kind}/{key}.");

        public ValueTask DisposeAsync() => services.DisposeAsync();
    }
}
