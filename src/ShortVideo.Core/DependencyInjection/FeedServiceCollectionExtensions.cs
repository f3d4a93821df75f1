using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ShortVideo;
using ShortVideo.Catalog;
using ShortVideo.Feeds;
using ShortVideo.Feeds.Cards;
using ShortVideo.Feeds.Following;
using ShortVideo.Feeds.ForYou;
using ShortVideo.Interactions;
using ShortVideo.Media.Storage;
using ShortVideo.Ranking.Engine;
using ShortVideo.Social;
using ShortVideo.Trending;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the ranking engine on the catalog (the node's <c>ranking</c> role) and the For You feed.</summary>
public static class FeedServiceCollectionExtensions
{
    /// <summary>
    /// The ranking engine (<see cref="RankingServiceCollectionExtensions.AddShortVideoRanking(IShortVideoBuilder)"/>)
    /// kept on the catalog: ready public videos are its candidates (it listens to the video lifecycle), accepted
    /// interactions train it (it observes them), and its model is restored at start and saved every
    /// <see cref="RankingNodeOptions.SaveInterval"/> and on shutdown under DataDir/ranking. Needs a catalog and
    /// <see cref="DataDirectoryOptions"/>.
    /// </summary>
    public static IShortVideoBuilder AddCatalogRanking(this IShortVideoBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddShortVideoRanking();
        var services = builder.Services;
        services.AddOptions<RankingNodeOptions>().Validate(Valid<RankingNodeOptions>(static o => o.Validate()), "Ranking options are not valid.").ValidateOnStart();
        AddForYouOptions(services);
        services.TryAddSingleton<CandidateCache>();
        services.TryAddSingleton<RankingCatalog>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IVideoLifecycleListener, RankingCatalog>(static sp => sp.GetRequiredService<RankingCatalog>()));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IInteractionObserver, RankingCatalog>(static sp => sp.GetRequiredService<RankingCatalog>()));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, RankingModelKeeper>());
        return builder;
    }

    /// <summary>
    /// The For You feed (<see cref="ForYouFeed"/>, options <see cref="ForYouOptions"/>). It ranks with the engine when
    /// <see cref="AddCatalogRanking"/> is registered too, and serves the latest videos without it; it leaves out blocked
    /// users, "not interested" and watched videos when an <see cref="ISocialGraph"/> and <see cref="IViewerSignals"/>
    /// are registered; it mixes in the following inbox and trending videos when an <see cref="IFollowingFeed"/> and an
    /// <see cref="ITrending"/> are registered. Needs a catalog, an <see cref="IMediaStore"/> and <see cref="DataDirectoryOptions"/> (the cursor key).
    /// </summary>
    public static IShortVideoBuilder AddShortVideoForYou(this IShortVideoBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        AddForYouOptions(services);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<FeedStatistics>();
        services.TryAddSingleton<IForYouStatistics>(static sp => sp.GetRequiredService<FeedStatistics>());
        services.TryAddSingleton<CandidateCache>();
        services.TryAddSingleton<MediaPrefetch>();
        AddVideoCards(services);
        services.TryAddSingleton(static sp =>
        {
            var options = sp.GetRequiredService<IOptions<ForYouOptions>>();
            var statistics = sp.GetRequiredService<FeedStatistics>();
            var time = sp.GetRequiredService<TimeProvider>();
            var ranking = sp.GetService<RankingCatalog>();
            return new ForYouFeed(
                sp.GetRequiredService<IVideoCatalog>(),
                options.Value,
                sp.GetRequiredService<FeedCursorKey>(),
                statistics,
                sp.GetRequiredService<CandidateCache>(),
                sp.GetRequiredService<MediaPrefetch>(),
                time,
                sp.GetRequiredService<ILogger<ForYouFeed>>(),
                ranking,
                ranking is null ? null : new RetrievalCoalescer(sp.GetRequiredService<IRankingEngine>(), options, statistics, time),
                sp.GetService<ISocialGraph>(),
                sp.GetService<IViewerSignals>(),
                sp.GetService<IFollowingFeed>(),
                sp.GetService<ITrending>());
        });
        return builder;
    }

    /// <summary>
    /// <see cref="VideoCards"/>, the one hydration of every list of videos; over the social stores when they are
    /// registered (resolved when first used, so registration order does not matter).
    /// </summary>
    internal static void AddVideoCards(IServiceCollection services) =>
        services.TryAddSingleton(static sp => new VideoCards(
            sp.GetRequiredService<IVideoCatalog>(),
            sp.GetService<IUserDirectory>(),
            sp.GetService<ISocialGraph>(),
            sp.GetService<ICounterReader>(),
            sp.GetService<IViewerSignals>()));

    private static void AddForYouOptions(IServiceCollection services) =>
        services.AddOptions<ForYouOptions>().Validate(Valid<ForYouOptions>(static o => o.Validate()), "For You options are not valid.").ValidateOnStart();

    private static Func<T, bool> Valid<T>(Action<T> validate) => options =>
    {
        validate(options);
        return true;
    };
}
