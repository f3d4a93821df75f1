using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using ShortVideo.Catalog;
using ShortVideo.Feeds;
using ShortVideo.Feeds.Following;
using ShortVideo.Feeds.ForYou;
using ShortVideo.Interactions;
using ShortVideo.Ranking.Embeddings;
using ShortVideo.Ranking.Engine;
using ShortVideo.Ranking.Exploration;
using ShortVideo.Social;
using ShortVideo.Trending;

namespace ShortVideo.Core.Tests.Feeds;

/// <summary>
/// The For You feed as a node composes it (SQLite catalog, ranking on the catalog, the real engine and its learner),
/// with the social module's contracts played by small in-test stores and the engine's batch calls recorded.
/// </summary>
internal sealed class FeedHarness : IAsyncDisposable
{
    private static readonly CancellationToken None = CancellationToken.None;
    private readonly string _dataDir = Directory.CreateTempSubdirectory("sv-feed-").FullName;
    private readonly ServiceProvider _services;
    private IHostedService[] _hosted = [];

    public FeedHarness(Action<ForYouOptions>? feed = null, bool ranking = true, double explorationShare = 0.2)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.Configure<DataDirectoryOptions>(o => o.Path = _dataDir);
        services.Configure<EmbeddingTableOptions>(o => o.Dimension = 16);
        services.Configure<ExplorationOptions>(o => o.SlotShare = explorationShare);
        services.Configure<ForYouOptions>(o =>
        {
            o.CoalesceWindow = TimeSpan.Zero;

            // Every page waits for the following source: the tests assert where its items land.
            o.FollowingWait = TimeSpan.FromSeconds(30);
            feed?.Invoke(o);
        });
        services.AddSingleton<ISocialGraph>(Social);
        services.AddSingleton<IViewerSignals>(Social);
        services.AddSingleton(sp => new InTestSources(sp.GetRequiredService<IVideoCatalog>()));
        services.AddSingleton<IFollowingFeed>(sp => sp.GetRequiredService<InTestSources>());
        services.AddSingleton<ITrending>(sp => sp.GetRequiredService<InTestSources>());
        if (ranking)
        {
            services.AddSingleton<IRankingEngine>(sp => new RecordingEngine(ActivatorUtilities.CreateInstance<RankingEngine>(sp)));
        }

        var builder = services.AddShortVideo().AddSqliteMetadata().AddFileSystemStorage();
        if (ranking)
        {
            builder.AddCatalogRanking();
        }

        builder.AddShortVideoForYou();
        _services = services.BuildServiceProvider();
    }

    public InTestSocial Social { get; } = new();

    public IServiceProvider Services => _services;

    /// <summary>The following inbox and trending list For You mixes in (empty unless a test sets them).</summary>
    public InTestSources Sources => _services.GetRequiredService<InTestSources>();

    public ForYouFeed Feed => _services.GetRequiredService<ForYouFeed>();

    public IVideoCatalog Catalog => _services.GetRequiredService<IVideoCatalog>();

    public RecordingEngine Engine => (RecordingEngine)_services.GetRequiredService<IRankingEngine>();

    public RankingCatalog Ranking => _services.GetRequiredService<RankingCatalog>();

    public string DataDir => _dataDir;

    /// <summary>Starts the node's background work (the ranking keeper) and waits until ranking is ready.</summary>
    public async Task StartAsync()
    {
        _hosted = [.. _services.GetServices<IHostedService>()];
        foreach (var service in _hosted)
        {
            await service.StartAsync(None);
        }

        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (_services.GetService<RankingCatalog>() is { IsReady: false } && DateTime.UtcNow < deadline)
        {
            await Task.Delay(10);
        }
    }

    /// <summary>A ready video, stored and announced as the media pipeline does.</summary>
    public async Task<string> AddVideoAsync(string id, string creator, string caption, VideoVisibility visibility = VideoVisibility.Public, VideoStatus status = VideoStatus.Ready, DateTimeOffset? createdAt = null)
    {
        var video = new VideoRecord
        {
            Id = id,
            CreatorId = creator,
            Sha256 = new string('0', 64),
            Caption = caption,
            Status = status,
            Visibility = visibility,
            CreatedAt = createdAt ?? DateTimeOffset.UtcNow,
        };
        await Catalog.CreateAsync(video, None);
        if (status == VideoStatus.Ready)
        {
            await Lifecycle.ReadyAsync(video, None);
        }

        return id;
    }

    /// <summary>Every lifecycle listener, as the pipeline tells them.</summary>
    public VideoLifecycle Lifecycle => new(_services.GetServices<IVideoLifecycleListener>(), Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance);

    /// <summary>Tells every registered interaction observer, as POST /api/v1/events does after storing.</summary>
    public async Task ObserveAsync(params UserInteraction[] interactions)
    {
        foreach (var observer in _services.GetServices<IInteractionObserver>())
        {
            await observer.ObserveAsync(interactions, None);
        }
    }

    /// <summary><paramref name="creators"/> creators with <paramref name="videosEach"/> videos each (creatorC-vI), topics by creator.</summary>
    public async Task AddWorldAsync(int creators, int videosEach)
    {
        for (var c = 0; c < creators; c++)
        {
            for (var i = 0; i < videosEach; i++)
            {
                await AddVideoAsync($"creator{c}-v{i}", $"creator{c}", $"clip #topic{c % 3}");
            }
        }
    }

    public Task<FeedPage> PageAsync(string viewer, int limit = 10, string? cursor = null) => Feed.GetPageAsync(viewer, limit, cursor, None);

    public async ValueTask DisposeAsync()
    {
        foreach (var service in _hosted)
        {
            await service.StopAsync(None);
        }

        await _services.DisposeAsync();
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_dataDir, recursive: true);
        }
        catch (IOException)
        {
            // A file still closing; the temp directory is cleaned later.
        }
    }
}
