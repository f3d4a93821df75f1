using Microsoft.Extensions.DependencyInjection;
using ShortVideo.Catalog;
using ShortVideo.Interactions;
using ShortVideo.Testing;

namespace ShortVideo.Core.Tests.Social;

/// <summary>
/// The social services over the real stores of one metadata engine (SQLite in a temporary data directory, or a fresh
/// PostgreSQL database), on a manual clock, with an observer that records what it hears. <see cref="AddNode"/> gives
/// PostgreSQL a second node on the same database: its own service provider, data source and caches, like another host.
/// </summary>
internal sealed class SocialHarness : IAsyncDisposable
{
    private readonly MetadataEngine _engine;
    private readonly List<ServiceProvider> _nodes = [];

    private SocialHarness(MetadataEngine engine)
    {
        _engine = engine;
        Services = AddNode();
    }

    public ManualTimeProvider Time { get; } = new(new DateTimeOffset(2026, 6, 1, 10, 20, 0, TimeSpan.Zero));

    public RecordingObserver Heard { get; } = new();

    /// <summary>The first node's services.</summary>
    public ServiceProvider Services { get; }

    public static async Task<SocialHarness> CreateAsync(MetadataEngineKind kind) => new(await MetadataEngine.CreateAsync(kind));

    /// <summary>Another node on the same metadata, sharing the clock and the observer.</summary>
    public ServiceProvider AddNode()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<TimeProvider>(Time);
        services.AddSingleton<IInteractionObserver>(Heard);
        _engine.AddStores(services.AddShortVideo()).AddSocial();
        var node = services.BuildServiceProvider();
        _nodes.Add(node);
        return node;
    }

    public T Get<T>()
        where T : notnull => Services.GetRequiredService<T>();

    /// <summary>A public video of <paramref name="creator"/> in the catalog.</summary>
    public async Task<VideoRecord> VideoAsync(string id, string creator, VideoVisibility visibility = VideoVisibility.Public)
    {
        var video = new VideoRecord { Id = id, CreatorId = creator, Sha256 = new string('0', 64), Visibility = visibility, CreatedAt = Time.GetUtcNow() };
        await Get<IVideoCatalog>().CreateAsync(video, CancellationToken.None);
        await Get<IVideoCatalog>().UpdateAsync(video, CancellationToken.None);
        return video;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var node in _nodes)
        {
            await node.DisposeAsync();
        }

        await _engine.DisposeAsync();
    }

    internal sealed class RecordingObserver : IInteractionObserver
    {
        private readonly List<UserInteraction> _heard = [];

        public IReadOnlyList<UserInteraction> All
        {
            get
            {
                lock (_heard)
                {
                    return [.. _heard];
                }
            }
        }

        public ValueTask ObserveAsync(IReadOnlyList<UserInteraction> interactions, CancellationToken cancellationToken)
        {
            lock (_heard)
            {
                _heard.AddRange(interactions);
            }

            return ValueTask.CompletedTask;
        }
    }
}
