using Microsoft.Extensions.DependencyInjection;
using ShortVideo.Jobs;
using ShortVideo.Testing;

namespace ShortVideo.Core.Tests.Jobs;

/// <summary>
/// Each test gets its own metadata (a real shortvideo.db, or a fresh PostgreSQL database) and a manual clock;
/// <see cref="Open"/> starts a "process" on it (its own service provider, SqliteDatabase or PostgresDatabase), so a
/// test can run several: on PostgreSQL those are separate nodes sharing one queue.
/// </summary>
public abstract class JobQueueTestBase(MetadataEngineKind kind) : IAsyncLifetime
{
    protected const string Transcode = "transcode";

    protected static readonly TimeSpan LeaseDuration = TimeSpan.FromMinutes(1);

    protected static readonly CancellationToken None = CancellationToken.None;

    private MetadataEngine _engine = null!;

    internal ManualTimeProvider Time { get; } = new();

    protected MetadataEngineKind Kind => kind;

    public async Task InitializeAsync() => _engine = await MetadataEngine.CreateAsync(kind);

    public async Task DisposeAsync() => await _engine.DisposeAsync();

    internal Node Open(Action<JobQueueOptions>? configure = null)
    {
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(Time);
        _engine.AddStores(services.AddShortVideo());
        services.Configure<JobQueueOptions>(o =>
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
