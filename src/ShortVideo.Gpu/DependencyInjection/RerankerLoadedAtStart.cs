using Microsoft.Extensions.Hosting;
using ShortVideo.Ranking.Reranking;

namespace ShortVideo.Gpu.DependencyInjection;

/// <summary>
/// Takes the re-ranker as a dependency so the host builds it while starting: a model that cannot load
/// stops startup with its sentence instead of failing the first feed request.
/// </summary>
internal sealed class RerankerLoadedAtStart(IReranker reranker) : IHostedService
{
    public IReranker Reranker { get; } = reranker;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
