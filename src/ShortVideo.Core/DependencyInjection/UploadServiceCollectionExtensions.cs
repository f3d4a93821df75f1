using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using ShortVideo;
using ShortVideo.Uploads;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the tus upload engine and its expiry sweeper.</summary>
public static class UploadServiceCollectionExtensions
{
    /// <summary>Adds the upload engine. Storage and metadata come from AddFileSystemStorage/AddSqliteMetadata or adapters.</summary>
    public static IShortVideoBuilder AddUploads(this IShortVideoBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddOptions<UploadOptions>()
            .Validate(o => o.MaxSizeBytes > 0, "Uploads:MaxSizeBytes must be positive.")
            .Validate(o => o.Expiration > TimeSpan.Zero, "Uploads:Expiration must be positive.")
            .Validate(o => o.SweepInterval > TimeSpan.Zero, "Uploads:SweepInterval must be positive.")
            .Validate(o => o.MaxMetadataBytes > 0, "Uploads:MaxMetadataBytes must be positive.")
            .Validate(o => o.CommitIntervalBytes > 0, "Uploads:CommitIntervalBytes must be positive.")
            .Validate(o => o.MaxUploadsInFlightPerUser > 0, "Uploads:MaxUploadsInFlightPerUser must be positive.")
            .Validate(o => o.MaxReservedBytesPerUser > 0, "Uploads:MaxReservedBytesPerUser must be positive.")
            .Validate(o => o.FreeSpaceHeadroomBytes >= 0, "Uploads:FreeSpaceHeadroomBytes must not be negative.")
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<UploadLocks>();
        services.TryAddSingleton<UploadEngine>();
        services.TryAddSingleton<IUploadService>(provider => provider.GetRequiredService<UploadEngine>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, UploadExpirySweeper>());
        return builder;
    }

    /// <summary>Adds the upload engine with options set in code.</summary>
    public static IShortVideoBuilder AddUploads(this IShortVideoBuilder builder, Action<UploadOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.Configure(configure);
        return builder.AddUploads();
    }
}
