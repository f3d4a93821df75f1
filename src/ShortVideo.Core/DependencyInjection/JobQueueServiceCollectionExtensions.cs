using Microsoft.Extensions.DependencyInjection.Extensions;
using ShortVideo;
using ShortVideo.Jobs;
using ShortVideo.Storage.Sqlite;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the durable job queue the media pipeline runs on.</summary>
public static class JobQueueServiceCollectionExtensions
{
    /// <summary>
    /// The job queue in {DataDir}/shortvideo.db, the same database (and the same registration) that
    /// AddSqliteMetadata uses, so the two can be added in either order.
    /// </summary>
    public static IShortVideoBuilder AddSqliteJobQueue(this IShortVideoBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        AddJobQueueOptions(services);
        EmbeddedStorageServiceCollectionExtensions.AddSqliteDatabase(services);
        services.TryAddSingleton<IJobQueue, SqliteJobQueue>();
        return builder;
    }

    /// <summary>The SQLite job queue with options set in code.</summary>
    public static IShortVideoBuilder AddSqliteJobQueue(this IShortVideoBuilder builder, Action<JobQueueOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.Configure(configure);
        return builder.AddSqliteJobQueue();
    }

    /// <summary>The queue's options and their checks, shared by every queue implementation.</summary>
    internal static void AddJobQueueOptions(IServiceCollection services) =>
        services.AddOptions<JobQueueOptions>()
            .Validate(o => o.MaxAttempts > 0, "Jobs:MaxAttempts must be positive.")
            .Validate(o => o.RetryBaseDelay > TimeSpan.Zero, "Jobs:RetryBaseDelay must be positive.")
            .Validate(o => o.RetryMaxDelay > TimeSpan.Zero, "Jobs:RetryMaxDelay must be positive.")
            .Validate(o => o.RetryMaxDelay >= o.RetryBaseDelay, "Jobs:RetryMaxDelay must not be shorter than Jobs:RetryBaseDelay.")
            .ValidateOnStart();
}
