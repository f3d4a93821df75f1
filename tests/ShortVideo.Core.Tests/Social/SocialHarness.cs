using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using ShortVideo.Catalog;
using ShortVideo.Interactions;

namespace ShortVideo.Core.Tests.Social;

/// <summary>The social services over the real SQLite stores in a temporary data directory, on a manual clock, with an observer that records what it hears.</summary>
internal sealed class SocialHarness : IAsyncDisposable
{
    private readonly string _dataDir = Directory.CreateTempSubdirectory("sv-social-").FullName;

    public SocialHarness()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.Configure<DataDirectoryOptions>(o => o.Path = _dataDir);
        services.AddSingleton<TimeProvider>(Time);
        services.AddSingleton<IInteractionObserver>(Heard);
        services.AddShortVideo().AddSqliteMetadata().AddSqliteSocialStores().AddSocial();
        Services = services.BuildServiceProvider();
    }

    public ManualTimeProvider Time { get; } = new(new DateTimeOffset(2026, 6, 1, 10, 20, 0, TimeSpan.Zero));

    public RecordingObserver Heard { get; } = new();

    public ServiceProvider Services { get; }

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
        await Services.DisposeAsync();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_dataDir, recursive: true);
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
