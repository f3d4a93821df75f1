using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using ShortVideo.Ranking.Retrieval;

namespace ShortVideo.Gpu.Retrieval;

/// <summary>
/// Resolves the retrieval backend when the host starts, so the choice is logged at startup and a required GPU
/// that is missing stops the start instead of the first feed request.
/// </summary>
internal sealed class RetrievalBackendStartup(IServiceProvider services) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        _ = services.GetRequiredService<IRetrievalBackend>();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
