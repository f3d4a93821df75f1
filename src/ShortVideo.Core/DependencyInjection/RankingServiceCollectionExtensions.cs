using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using ShortVideo;
using ShortVideo.Ranking.Embeddings;
using ShortVideo.Ranking.Engine;
using ShortVideo.Ranking.Exploration;
using ShortVideo.Ranking.Learning;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the "For You" ranking engine: online two-tower learner, exact top-k retrieval, exploration.</summary>
public static class RankingServiceCollectionExtensions
{
    /// <summary>
    /// The ranking engine as a singleton <see cref="IRankingEngine"/>. Options: <see cref="EmbeddingTableOptions"/>,
    /// <see cref="LearnerOptions"/>, <see cref="ExplorationOptions"/>, <see cref="RankingEngineOptions"/> (bind them
    /// to their <c>SectionName</c>s, or use the overload); they are checked at start.
    /// </summary>
    public static IShortVideoBuilder AddShortVideoRanking(this IShortVideoBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddOptions<EmbeddingTableOptions>().ValidateOnStart();
        services.AddOptions<LearnerOptions>().ValidateOnStart();
        services.AddOptions<ExplorationOptions>().ValidateOnStart();
        services.AddOptions<RankingEngineOptions>().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<EmbeddingTableOptions>>(new SentenceValidator<EmbeddingTableOptions>(static o => o.Validate())));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<LearnerOptions>>(new SentenceValidator<LearnerOptions>(static o => o.Validate())));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<RankingEngineOptions>>(new SentenceValidator<RankingEngineOptions>(static o => o.Validate())));
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IRankingEngine, RankingEngine>();
        return builder;
    }

    /// <summary>The ranking engine with its learner configured in code.</summary>
    public static IShortVideoBuilder AddShortVideoRanking(this IShortVideoBuilder builder, Action<LearnerOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.Configure(configure);
        return builder.AddShortVideoRanking();
    }
}
