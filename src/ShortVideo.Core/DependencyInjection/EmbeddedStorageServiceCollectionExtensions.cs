using Microsoft.Extensions.DependencyInjection.Extensions;
using ShortVideo;
using ShortVideo.Blobs;
using ShortVideo.Catalog;
using ShortVideo.Media.Fingerprints;
using ShortVideo.Media.Storage;
using ShortVideo.Storage.FileSystem;
using ShortVideo.Storage.Sqlite;
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

    /// <summary>Upload records, the video catalog and the fingerprint index in {DataDir}/shortvideo.db.</summary>
    public static IShortVideoBuilder AddSqliteMetadata(this IShortVideoBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.TryAddSingleton<SqliteDatabase>();
        builder.Services.TryAddSingleton<IUploadRepository, SqliteUploadRepository>();
        builder.Services.TryAddSingleton<IVideoCatalog, SqliteVideoCatalog>();
        builder.Services.TryAddSingleton<IFingerprintIndex, SqliteFingerprintIndex>();
        return builder;
    }
}
