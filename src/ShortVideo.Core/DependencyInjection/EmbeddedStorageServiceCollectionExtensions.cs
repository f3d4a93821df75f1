using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using ShortVideo;
using ShortVideo.Blobs;
using ShortVideo.Catalog;
using ShortVideo.Feeds.Following;
using ShortVideo.Media.Fingerprints;
using ShortVideo.Media.Storage;
using ShortVideo.Storage.FileSystem;
using ShortVideo.Storage.Sqlite;
using ShortVideo.Trending;
using ShortVideo.Uploads;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>The embedded defaults of a one-process node: files in the data directory and SQLite.</summary>
public static class EmbeddedStorageServiceCollectionExtensions
{
    /// <summary>Uploads, blobs and processed media as files under the data directory (or Storage:FileSystem:Root).</summary>
    public static IShortVideoBuilder AddFileSystemStorage(this IShortVideoBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<FileSystemStorageOptions>();
        builder.Services.TryAddSingleton<FileSystemPaths>();
        builder.Services.TryAddSingleton<IUploadDataStore, FileSystemUploadDataStore>();
        builder.Services.TryAddSingleton<IBlobStore, FileSystemBlobStore>();
        builder.Services.TryAddSingleton<IMediaStore, FileSystemMediaStore>();
        return builder;
    }

    /// <summary>Filesystem storage with options set in code.</summary>
    public static IShortVideoBuilder AddFileSystemStorage(this IShortVideoBuilder builder, Action<FileSystemStorageOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.Configure(configure);
        return builder.AddFileSystemStorage();
    }

    /// <summary>
    /// Upload records, the video catalog, the fingerprint index, following inboxes and trending minutes in {DataDir}/shortvideo.db. The host refuses to
    /// start on a damaged, missing (while blobs or media remain) or newer-schema database with a
    /// <see cref="MetadataDatabaseException"/>; <see cref="IVideoCatalog.CheckAsync"/> reports damage found while
    /// it runs (options: section <c>Metadata</c>, <see cref="SqliteMetadataOptions"/>).
    /// </summary>
    public static IShortVideoBuilder AddSqliteMetadata(this IShortVideoBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        AddSqliteDatabase(builder.Services);
        builder.Services.TryAddSingleton<IUploadRepository, SqliteUploadRepository>();
        builder.Services.TryAddSingleton<IVideoCatalog, SqliteVideoCatalog>();
        builder.Services.TryAddSingleton<IFingerprintIndex, SqliteFingerprintIndex>();
        builder.Services.TryAddSingleton<IFollowingInbox, SqliteFollowingInbox>();
        builder.Services.TryAddSingleton<ITrendingStore, SqliteTrendingStore>();
        return builder;
    }

    /// <summary>Metadata with options set in code (<see cref="SqliteMetadataOptions"/>).</summary>
    public static IShortVideoBuilder AddSqliteMetadata(this IShortVideoBuilder builder, Action<SqliteMetadataOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.Configure(configure);
        return builder.AddSqliteMetadata();
    }

    /// <summary>
    /// The one database that metadata and the job queue share, checked before any hosted service starts and
    /// re-checked in depth on a timer; either registration may come first.
    /// </summary>
    internal static void AddSqliteDatabase(IServiceCollection services)
    {
        services.AddOptions<SqliteMetadataOptions>();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<SqliteDatabase>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, SqliteStartupCheck>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, SqliteIntegrityMonitor>());
    }
}
