using Microsoft.Extensions.Diagnostics.HealthChecks;
using ShortVideo.Blobs;

namespace ShortVideo.Hosting.Node;

/// <summary>The blob store answers (readiness only: a store that is down for a while does not call for a restart).</summary>
internal sealed class StorageHealthCheck(IBlobStore blobs) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await blobs.CheckAsync(cancellationToken).ConfigureAwait(false);
            return HealthCheckResult.Healthy($"{blobs.Name} storage answers.");
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy($"{blobs.Name} storage does not answer: {ex.Message}");
        }
    }
}
