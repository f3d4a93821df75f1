using Microsoft.Extensions.Diagnostics.HealthChecks;
using ShortVideo.Blobs;
using ShortVideo.Storage.Sqlite;

namespace ShortVideo.Hosting.Node;

/// <summary>Ready means the metadata database opens and the blob store answers.</summary>
internal sealed class StorageHealthCheck(IBlobStore blobs, SqliteDatabase database) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
            await connection.DisposeAsync().ConfigureAwait(false);
            await blobs.CheckAsync(cancellationToken).ConfigureAwait(false);
            return HealthCheckResult.Healthy($"metadata and {blobs.Name} storage answer");
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy($"{blobs.Name} storage or metadata unavailable: {ex.Message}");
        }
    }
}
