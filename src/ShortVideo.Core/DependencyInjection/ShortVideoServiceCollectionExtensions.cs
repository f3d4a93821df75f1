using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using ShortVideo;
using ShortVideo.Feeds;
using ShortVideo.Paging;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Entry point of a node's composition: <c>services.AddShortVideo().AddFileSystemStorage().AddUploads()...</c>.</summary>
public static class ShortVideoServiceCollectionExtensions
{
    /// <summary>
    /// Creates the builder the other AddXxx calls chain onto, with <see cref="ListCursors"/>: the signed cursors of every
    /// list, keyed by <see cref="FeedOptions.CursorKey"/> (section <c>Feed</c>) or a key kept in the data directory.
    /// </summary>
    public static IShortVideoBuilder AddShortVideo(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions<DataDirectoryOptions>();
        services.AddOptions<FeedOptions>().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<FeedOptions>>(new SentenceValidator<FeedOptions>(static o => o.Validate())));
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(static sp => FeedCursorKey.From(sp.GetRequiredService<IOptions<FeedOptions>>(), sp.GetRequiredService<IOptions<DataDirectoryOptions>>()));
        services.TryAddSingleton(static sp => new ListCursors(
            sp.GetRequiredService<FeedCursorKey>(), sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<IOptions<FeedOptions>>()));
        return new ShortVideoBuilder(services);
    }
}
