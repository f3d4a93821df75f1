using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ShortVideo;
using ShortVideo.Gpu.Retrieval;
using ShortVideo.Ranking.Retrieval;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers where ranking retrieval runs: an NVIDIA GPU when present, the CPU otherwise.</summary>
public static class RetrievalBackendServiceCollectionExtensions
{
    /// <summary>
    /// Adds the retrieval backend chosen by <see cref="RetrievalOptions"/> (section <c>Ranking:Retrieval</c>). The
    /// choice is made, and logged in one line, when the host starts; Device = Gpu without a usable GPU fails
    /// the start with the reason.
    /// </summary>
    public static IShortVideoBuilder AddRetrievalBackend(this IShortVideoBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddOptions<RetrievalOptions>()
            .Validate(o => Enum.IsDefined(o.Device), "Ranking:Retrieval:Device must be Auto, Cpu or Gpu.");
        services.TryAddSingleton<IRetrievalBackend>(sp => RetrievalBackendSelector.Create(
            sp.GetRequiredService<ILoggerFactory>().CreateLogger("ShortVideo.Ranking.Retrieval"),
            sp.GetRequiredService<IOptions<RetrievalOptions>>().Value));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, RetrievalBackendStartup>());
        return builder;
    }

    /// <summary>Adds the retrieval backend with options set in code.</summary>
    public static IShortVideoBuilder AddRetrievalBackend(this IShortVideoBuilder builder, Action<RetrievalOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.Configure(configure);
        return builder.AddRetrievalBackend();
    }
}
