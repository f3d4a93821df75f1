using ShortVideo;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Entry point of a node's composition: <c>services.AddShortVideo().AddShortVideoAuth()...</c>.</summary>
public static class ShortVideoServiceCollectionExtensions
{
    /// <summary>Starts the ShortVideo registrations on <paramref name="services"/>.</summary>
    /// <returns>A builder that the <c>AddShortVideo*</c> extensions chain onto.</returns>
    public static IShortVideoBuilder AddShortVideo(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        return new ShortVideoBuilder(services);
    }
}
