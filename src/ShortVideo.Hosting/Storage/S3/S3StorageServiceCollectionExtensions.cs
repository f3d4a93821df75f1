using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using ShortVideo;
using ShortVideo.Blobs;
using ShortVideo.Hosting.Storage.S3;
using ShortVideo.Media.Storage;
using ShortVideo.Uploads;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the S3 storage adapter: unfinished uploads as multipart uploads, blobs as objects.</summary>
public static class S3StorageServiceCollectionExtensions
{
    /// <summary>
    /// Stores uploads and blobs in S3. Binds no configuration itself: configure <see cref="S3StorageOptions"/>
    /// with <c>services.AddOptions&lt;S3StorageOptions&gt;().BindConfiguration("Storage:S3")</c> or the overload
    /// taking a delegate. The options are validated when the host starts, with a sentence per problem.
    /// </summary>
    /// <remarks>
    /// The S3 stores replace any <see cref="IUploadDataStore"/> and <see cref="IBlobStore"/> registered
    /// before, and a filesystem default registered after with <c>TryAdd</c> no longer applies: choosing S3 wins.
    /// The S3 client is owned by the stores and disposed with the container; it is not registered as
    /// <c>IAmazonS3</c>, so an application's own S3 client registration is left alone.
    /// </remarks>
    /// <param name="builder">The builder returned by the ShortVideo registrations.</param>
    /// <returns>The same builder, for chaining.</returns>
    public static IShortVideoBuilder AddS3Storage(this IShortVideoBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddOptions<S3StorageOptions>().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<S3StorageOptions>, S3StorageOptionsValidator>());
        services.TryAddSingleton(sp => new S3StorageBucket(sp.GetRequiredService<IOptions<S3StorageOptions>>().Value, LoggerFor<S3StorageBucket>(sp)));
        services.TryAddSingleton(sp => new S3UploadDataStore(sp.GetRequiredService<S3StorageBucket>(), LoggerFor<S3UploadDataStore>(sp)));
        services.TryAddSingleton(sp => new S3BlobStore(sp.GetRequiredService<S3StorageBucket>()));
        services.TryAddSingleton(sp => new S3MediaStore(sp.GetRequiredService<S3StorageBucket>()));
        services.Replace(ServiceDescriptor.Singleton<IUploadDataStore>(sp => sp.GetRequiredService<S3UploadDataStore>()));
        services.Replace(ServiceDescriptor.Singleton<IBlobStore>(sp => sp.GetRequiredService<S3BlobStore>()));
        services.Replace(ServiceDescriptor.Singleton<IMediaStore>(sp => sp.GetRequiredService<S3MediaStore>()));
        return builder;
    }

    /// <summary>Configures <see cref="S3StorageOptions"/>, then stores uploads and blobs in S3 (see the overload without a delegate).</summary>
    /// <param name="builder">The builder returned by the ShortVideo registrations.</param>
    /// <param name="configure">Sets the endpoint, bucket and keys.</param>
    /// <returns>The same builder, for chaining.</returns>
    public static IShortVideoBuilder AddS3Storage(this IShortVideoBuilder builder, Action<S3StorageOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        builder.Services.Configure(configure);
        return builder.AddS3Storage();
    }

    // A node always has logging; a bare container in a tool or test need not.
    private static ILogger<T> LoggerFor<T>(IServiceProvider services) =>
        services.GetService<ILogger<T>>() ?? NullLogger<T>.Instance;
}
