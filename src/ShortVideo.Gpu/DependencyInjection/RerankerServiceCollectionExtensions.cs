using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using ShortVideo;
using ShortVideo.Gpu.DependencyInjection;
using ShortVideo.Gpu.Onnx;
using ShortVideo.Ranking.Embeddings;
using ShortVideo.Ranking.Reranking;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the second ranking stage chosen by configuration section <c>Ranking:Reranker</c>.</summary>
public static class RerankerServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="IReranker"/>: retrieval order (Provider None), or an ONNX model (Provider Onnx)
    /// for vectors of the dimension in <see cref="EmbeddingTableOptions"/>. The re-ranker is built when the
    /// host starts, so a model that is missing or of the wrong shape stops the node with a sentence; an
    /// application that ships no ONNX Runtime native build (NuGet package Microsoft.ML.OnnxRuntime, or
    /// Microsoft.ML.OnnxRuntime.Gpu.Linux for CUDA) logs a warning and ranks in retrieval order, and one
    /// configured for CUDA where CUDA cannot run logs a warning and runs the model on the CPU.
    /// </summary>
    public static IShortVideoBuilder AddReranker(this IShortVideoBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddOptions<RerankerOptions>().ValidateOnStart();
        services.AddOptions<EmbeddingTableOptions>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<RerankerOptions>, RerankerOptionsValidator>());
        services.TryAddSingleton(provider => RerankerSelector.Create(
            provider.GetRequiredService<IOptions<RerankerOptions>>().Value,
            provider.GetRequiredService<IOptions<EmbeddingTableOptions>>().Value.Dimension,
            (provider.GetService<ILoggerFactory>() ?? NullLoggerFactory.Instance).CreateLogger(typeof(IReranker).FullName!)));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, RerankerLoadedAtStart>());
        return builder;
    }

    /// <summary>The re-ranker with options set in code.</summary>
    public static IShortVideoBuilder AddReranker(this IShortVideoBuilder builder, Action<RerankerOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.Configure(configure);
        return builder.AddReranker();
    }
}
