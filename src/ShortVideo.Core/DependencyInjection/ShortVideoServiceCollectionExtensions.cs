using ShortVideo;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Entry point of a node's composition: <c>services.AddShortVideo().AddFileSystemStorage().AddUploads()...</c>.</summary>
public static class ShortVideoServiceCollectionExtensions
{
    /// <summary>Creates the builder the other AddXxx calls chain onto.</summary>
    public static IShortVideoBuilder AddShortVideo(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions<DataDirectoryOptions>();
        return new ShortVideoBuilder(services);
    }
}
