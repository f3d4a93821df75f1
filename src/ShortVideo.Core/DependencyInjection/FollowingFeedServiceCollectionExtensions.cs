using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using ShortVideo;
using ShortVideo.Catalog;
using ShortVideo.Feeds;
using ShortVideo.Feeds.Following;
using ShortVideo.Interactions;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the Following feed.</summary>
public static class FollowingFeedServiceCollectionExtensions
{
    /// <summary>
    /// The Following feed (<see cref="IFollowingFeed"/>) with its hybrid fan-out: it listens to videos becoming ready or
    /// deleted and to follows, and needs the social graph (<c>ISocialGraph</c>, <c>ICounterReader</c>), the catalog, an <c>IMediaStore</c> (for prefetch hints) and an
    /// <see cref="IFollowingInbox"/> (<c>AddSqliteMetadata</c> registers the embedded one). Options: <see cref="FeedOptions"/>
    /// (section <c>Feed</c>) and <see cref="FollowingFeedOptions"/> (section <c>Feed:Following</c>), checked at start.
    /// </summary>
    public static IShortVideoBuilder AddShortVideoFollowingFeed(this IShortVideoBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddOptions<FollowingFeedOptions>().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<FollowingFeedOptions>>(new SentenceValidator<FollowingFeedOptions>(static o => o.Validate())));
        services.TryAddSingleton<FollowingFanOut>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IVideoLifecycleListener, FollowingFanOut>(static sp => sp.GetRequiredService<FollowingFanOut>()));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IInteractionObserver, FollowingFanOut>(static sp => sp.GetRequiredService<FollowingFanOut>()));
        services.TryAddSingleton<MediaPrefetch>();
        services.TryAddSingleton<IFollowingFeed, FollowingFeed>();
        return builder;
    }
}
