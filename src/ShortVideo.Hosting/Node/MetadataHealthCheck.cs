using Microsoft.Extensions.Diagnostics.HealthChecks;
using ShortVideo.Catalog;

namespace ShortVideo.Hosting.Node;

/// <summary>
/// The metadata store answers and is intact (<see cref="IVideoCatalog.CheckAsync"/>: for SQLite, a cheap probe of the
/// file on every request plus the last periodic quick_check). Part of liveness as well as readiness: a node whose
/// database went bad cannot serve anything right, and restarting it makes it refuse to start with the same sentence.
/// </summary>
internal sealed class MetadataHealthCheck(IVideoCatalog catalog) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await catalog.CheckAsync(cancellationToken).ConfigureAwait(false);
            return HealthCheckResult.Healthy("The metadata database answers.");
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy(ex.Message);
        }
    }
}
