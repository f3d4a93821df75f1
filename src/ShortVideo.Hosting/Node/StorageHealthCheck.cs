using Microsoft.Extensions.Diagnostics.HealthChecks;
using ShortVideo.Blobs;
using ShortVideo.Catalog;

namespace ShortVideo.Hosting.Node;

/// <summary>Ready means the metadata store and the blob store answer.</summary>
internal sealed class StorageHealthCheck(IBlobStore blobs, IVideoCatalog catalog) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await catalog.CheckAsync(cancellationToken).ConfigureAwait(false);
            await blobs.CheckAsync(cancellationToken).ConfigureAwait(false);
            return HealthCheckResult.Healthy($"metadata and {blobs.Name} storage answer");
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy($"{blobs.Name} storage or metadata unavailable: {ex.Message}");
        }
    }
}
