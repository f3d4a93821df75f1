using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ShortVideo;
using ShortVideo.Catalog;
using ShortVideo.Comments;
using ShortVideo.Interactions;
using ShortVideo.Social;
using ShortVideo.Storage.Sqlite;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the social platform: users, follows, blocks, likes, comments, events, counters.</summary>
public static class SocialServiceCollectionExtensions
{
    /// <summary>
    /// Adds the social services over whatever stores are registered (<see cref="AddSqliteSocialStores"/> for the
    /// embedded default): the rule of which videos a viewer may see (<see cref="VisibleVideos"/>, blocks included), <see cref="SocialService"/>, <see cref="InteractionService"/>, <see cref="CommentService"/>,
    /// the exact batched <see cref="ICounterReader"/> (written every Counters:FlushInterval and on shutdown), and the
    /// listener that makes them forget deleted videos, and the hydration of lists of videos (<see cref="ShortVideo.Feeds.Cards.VideoCards"/>).
    /// Needs a video catalog.
    /// </summary>
    public static IShortVideoBuilder AddSocial(this IShortVideoBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddOptions<CounterOptions>()
            .Validate(o => o.FlushInterval > TimeSpan.Zero && o.FlushInterval <= TimeSpan.FromSeconds(1), "Counters:FlushInterval must be more than 0 and at most 1 second.")
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(static sp => new BatchedCounters(sp.GetRequiredService<ICounterStore>()));
        services.TryAddSingleton<ICounterReader>(static sp => sp.GetRequiredService<BatchedCounters>());
        services.TryAddSingleton(static sp => new InteractionObservers(sp.GetServices<IInteractionObserver>(), sp.GetRequiredService<ILogger<InteractionObservers>>()));
        services.TryAddSingleton<IUserBlocks>(static sp => new SocialGraphBlocks(sp.GetRequiredService<ISocialGraph>()));
        services.TryAddSingleton(static sp => new VisibleVideos(sp.GetRequiredService<IVideoCatalog>(), sp.GetService<IUserBlocks>()));
        services.TryAddSingleton(static sp => new SocialService(
            sp.GetRequiredService<IUserDirectory>(),
            sp.GetRequiredService<ISocialGraph>(),
            sp.GetRequiredService<IVideoCatalog>(),
            sp.GetRequiredService<BatchedCounters>(),
            sp.GetRequiredService<InteractionObservers>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetServices<ShortVideo.Search.IUserSearchIndex>()));
        services.TryAddSingleton(static sp => new InteractionService(
            sp.GetRequiredService<IVideoCatalog>(),
            sp.GetRequiredService<VisibleVideos>(),
            sp.GetRequiredService<IInteractionStore>(),
            sp.GetRequiredService<ISocialGraph>(),
            sp.GetRequiredService<BatchedCounters>(),
            sp.GetRequiredService<InteractionObservers>(),
            sp.GetRequiredService<SocialService>(),
            sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton(static sp => new CommentService(
            sp.GetRequiredService<ICommentStore>(),
            sp.GetRequiredService<VisibleVideos>(),
            sp.GetRequiredService<ISocialGraph>(),
            sp.GetRequiredService<BatchedCounters>(),
            sp.GetRequiredService<TimeProvider>()));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, CounterFlusher>(static sp => new CounterFlusher(
            sp.GetRequiredService<BatchedCounters>(),
            sp.GetRequiredService<IInteractionStore>(),
            sp.GetRequiredService<IOptions<CounterOptions>>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<CounterFlusher>>())));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IVideoLifecycleListener, SocialVideoCleanup>(static sp => new SocialVideoCleanup(
            sp.GetRequiredService<IInteractionStore>(),
            sp.GetRequiredService<ICommentStore>(),
            sp.GetRequiredService<ICounterStore>(),
            sp.GetRequiredService<BatchedCounters>(),
            sp.GetRequiredService<IUserDirectory>())));
        FeedServiceCollectionExtensions.AddVideoCards(services);
        return builder;
    }

    /// <summary>Adds the social services with counter options set in code.</summary>
    public static IShortVideoBuilder AddSocial(this IShortVideoBuilder builder, Action<CounterOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.Configure(configure);
        return builder.AddSocial();
    }

    /// <summary>
    /// The social stores in the metadata database ({DataDir}/shortvideo.db): <see cref="IUserDirectory"/>,
    /// <see cref="ISocialGraph"/>, <see cref="IInteractionStore"/> and <see cref="IViewerSignals"/>,
    /// <see cref="ICommentStore"/>, and <see cref="ICounterStore"/>.
    /// </summary>
    public static IShortVideoBuilder AddSqliteSocialStores(this IShortVideoBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        EmbeddedStorageServiceCollectionExtensions.AddSqliteDatabase(services);
        services.TryAddSingleton<IUserDirectory, SqliteUserDirectory>();
        services.TryAddSingleton<ISocialGraph, SqliteSocialGraph>();
        services.TryAddSingleton<SqliteInteractionStore>();
        services.TryAddSingleton<IInteractionStore>(static sp => sp.GetRequiredService<SqliteInteractionStore>());
        services.TryAddSingleton<IViewerSignals>(static sp => sp.GetRequiredService<SqliteInteractionStore>());
        services.TryAddSingleton<ICommentStore, SqliteCommentStore>();
        services.TryAddSingleton<ICounterStore, SqliteCounterStore>();
        return builder;
    }
}
