using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using ShortVideo;
using ShortVideo.Catalog;
using ShortVideo.Interactions;
using ShortVideo.Search;
using ShortVideo.Storage.Sqlite;
using ShortVideo.Trending;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Search and trending on the embedded defaults.</summary>
public static class SearchServiceCollectionExtensions
{
    /// <summary>
    /// Search of videos (caption words, hashtags), users (handle, name) and hashtags in SQLite FTS5 inside the metadata
    /// database (needs <c>AddSqliteMetadata()</c>): videos enter when ready and public and leave when deleted or made
    /// private (an <see cref="IVideoLifecycleListener"/>); videos ready before search existed are indexed once, in the
    /// background, at the first start.
    /// </summary>
    public static IShortVideoBuilder AddSqliteSearch(this IShortVideoBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        EmbeddedStorageServiceCollectionExtensions.AddSqliteDatabase(services);
        services.TryAddSingleton<IVideoSearchIndex, SqliteVideoSearchIndex>();
        services.TryAddSingleton<IUserSearchIndex, SqliteUserSearchIndex>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, SqliteSearchBackfill>());
        return builder.AddSearch();
    }

    /// <summary>
    /// The search services over whichever <see cref="IVideoSearchIndex"/> and <see cref="IUserSearchIndex"/> the
    /// metadata store registered (<c>AddSqliteSearch()</c> or <c>AddPostgresMetadata()</c>): videos enter the index
    /// when ready and public and leave when deleted or made private.
    /// </summary>
    public static IShortVideoBuilder AddSearch(this IShortVideoBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.TryAddSingleton<SearchIndexer>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IVideoLifecycleListener, SearchIndexer>(static sp => sp.GetRequiredService<SearchIndexer>()));
        FeedServiceCollectionExtensions.AddVideoCards(services);
        return builder;
    }

    /// <summary>
    /// Trending videos and hashtags over sliding windows (1 h, 24 h) in this process, persisted per minute in the
    /// metadata store's <see cref="ITrendingStore"/> (<c>AddSqliteMetadata()</c> or <c>AddPostgresMetadata()</c>): an <see cref="IInteractionObserver"/> and an <see cref="IVideoLifecycleListener"/> (options:
    /// section <c>Trending</c>, <see cref="TrendingOptions"/>).
    /// </summary>
    public static IShortVideoBuilder AddTrending(this IShortVideoBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddOptions<TrendingOptions>()
            .Validate(o => o.MaxListed is >= 1 and <= 10_000, "Trending:MaxListed must be between 1 and 10000.")
            .Validate(o => o.ViewWeight >= 0 && o.CompleteWeight >= 0 && o.LikeWeight >= 0 && o.ShareWeight >= 0 && o.UploadWeight >= 0, "Trending weights must not be negative.")
            .ValidateOnStart();
        services.TryAddSingleton<TrendingService>();
        services.TryAddSingleton<ITrending>(static sp => sp.GetRequiredService<TrendingService>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IInteractionObserver, TrendingService>(static sp => sp.GetRequiredService<TrendingService>()));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IVideoLifecycleListener, TrendingService>(static sp => sp.GetRequiredService<TrendingService>()));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, TrendingService>(static sp => sp.GetRequiredService<TrendingService>()));
        FeedServiceCollectionExtensions.AddVideoCards(services);
        return builder;
    }
}
