using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace ShortVideo.Hosting.Node;

/// <summary>
/// <c>/healthz</c> (liveness): the process serves HTTP and its metadata database is intact; a failure calls for an
/// operator (restore), and a restart alone will not help. <c>/readyz</c> (readiness): liveness plus the blob store
/// answering, so a node whose storage is away for a while stops receiving traffic without being restarted. Both are
/// 200 <c>Healthy</c>, or 503 with a problem+json whose detail is the failing checks' sentences.
/// </summary>
internal static class NodeHealthEndpoints
{
    public const string LiveTag = "live";
    public const string ReadyTag = "ready";

    /// <param name="services">The node's services.</param>
    /// <param name="metadataIsLocal">
    /// True for the embedded SQLite file: a damaged one needs an operator, so it fails liveness too. A shared database
    /// (PostgreSQL) that is away fails readiness only: restarting every node would not bring it back.
    /// </param>
    public static IHealthChecksBuilder AddNodeHealthChecks(this IServiceCollection services, bool metadataIsLocal) =>
        services.AddHealthChecks()
            .AddCheck<MetadataHealthCheck>("metadata", tags: metadataIsLocal ? [LiveTag, ReadyTag] : [ReadyTag])
            .AddCheck<StorageHealthCheck>("storage", tags: [ReadyTag]);

    public static void MapNodeHealth(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapHealthChecks("/healthz", Options(LiveTag));
        endpoints.MapHealthChecks("/readyz", Options(ReadyTag));
    }

    private static HealthCheckOptions Options(string tag) => new()
    {
        Predicate = check => check.Tags.Contains(tag),
        ResponseWriter = WriteAsync,
    };

    private static Task WriteAsync(HttpContext context, HealthReport report)
    {
        if (report.Status == HealthStatus.Healthy)
        {
            context.Response.ContentType = "text/plain";
            return context.Response.WriteAsync("Healthy");
        }

        var failing = report.Entries.Values
            .Where(static e => e.Status != HealthStatus.Healthy)
            .Select(static e => e.Description ?? e.Exception?.Message ?? "A check failed without a reason.");
        return Results.Problem(
            detail: string.Join(" ", failing),
            statusCode: StatusCodes.Status503ServiceUnavailable,
            title: "Node unhealthy").ExecuteAsync(context);
    }
}
