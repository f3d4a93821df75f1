using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using ShortVideo;
using ShortVideo.Catalog;
using ShortVideo.Comments;
using ShortVideo.Feeds.Following;
using ShortVideo.Interactions;
using ShortVideo.Jobs;
using ShortVideo.Media.Fingerprints;
using ShortVideo.Search;
using ShortVideo.Social;
using ShortVideo.Storage.Postgres;
using ShortVideo.Trending;
using ShortVideo.Uploads;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>The scale-out metadata engine: every store of a node in one PostgreSQL database that all nodes share.</summary>
public static class PostgresStorageServiceCollectionExtensions
{
    /// <summary>
    /// Upload records, the catalog, fingerprints, the job queue, users, the social graph, comments, counters,
    /// interaction events, following inboxes, search and trending in PostgreSQL (options: section
    /// <c>Metadata:Postgres</c>, <see cref="PostgresMetadataOptions"/>). The schema is brought up to date when the
    /// host starts; nodes starting together apply each step once. Use it instead of the <c>AddSqlite*</c> stores.
    /// </summary>
    public static IShortVideoBuilder AddPostgresMetadata(this IShortVideoBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddOptions<PostgresMetadataOptions>()
            .Validate(o => !string.IsNullOrWhiteSpace(o.ConnectionString), $"{PostgresMetadataOptions.SectionName}:ConnectionString is required.")
            .ValidateOnStart();
        JobQueueServiceCollectionExtensions.AddJobQueueOptions(services);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<PostgresDatabase>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, PostgresSchemaStartup>());

        // Search and following inboxes. No search backfill here: the search tables come with the first schema, so
        // no PostgreSQL database holds videos that were ready before search existed.
        services.TryAddSingleton<IVideoSearchIndex, PostgresVideoSearchIndex>();
        services.TryAddSingleton<IUserSearchIndex, PostgresUserSearchIndex>();
        services.TryAddSingleton<IFollowingInbox, PostgresFollowingInbox>();

        // Users, the social graph, comments, interactions and the viewer's signals.
        services.TryAddSingleton<IUserDirectory, PostgresUserDirectory>();
        services.TryAddSingleton<ISocialGraph, PostgresSocialGraph>();
        services.TryAddSingleton<ICommentStore, PostgresCommentStore>();
        services.TryAddSingleton<PostgresInteractionStore>();
        services.TryAddSingleton<IInteractionStore>(static sp => sp.GetRequiredService<PostgresInteractionStore>());
        services.TryAddSingleton<IViewerSignals>(static sp => sp.GetRequiredService<PostgresInteractionStore>());

        // Jobs, counters and trending.
        services.TryAddSingleton<ICounterStore, PostgresCounterStore>();
        services.TryAddSingleton<IJobQueue, PostgresJobQueue>();
        services.TryAddSingleton<ITrendingStore, PostgresTrendingStore>();

        // Catalog family: the video catalog, upload records, fingerprints.
        services.TryAddSingleton<IVideoCatalog, PostgresVideoCatalog>();
        services.TryAddSingleton<IUploadRepository, PostgresUploadRepository>();
        services.TryAddSingleton<IFingerprintIndex, PostgresFingerprintIndex>();
        return builder;
    }

    /// <summary>PostgreSQL metadata with options set in code.</summary>
    public static IShortVideoBuilder AddPostgresMetadata(this IShortVideoBuilder builder, Action<PostgresMetadataOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.Configure(configure);
        return builder.AddPostgresMetadata();
    }
}
