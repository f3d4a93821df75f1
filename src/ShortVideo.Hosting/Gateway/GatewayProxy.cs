using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using ShortVideo.Hosting.Node;
using Yarp.ReverseProxy;
using Yarp.ReverseProxy.Configuration;
using Yarp.ReverseProxy.Health;

namespace ShortVideo.Hosting.Gateway;

/// <summary>
/// The gateway role on YARP: every request except the gateway's own probes goes to one of the api nodes that passes
/// its <c>/readyz</c>. A node that refuses connections leaves the rotation at once (passive check) and comes back when
/// its probe passes (active check), so a killed api node costs the requests in flight, which clients retry.
/// </summary>
internal static class GatewayProxy
{
    public const string ClusterId = "api";

    public static void AddGateway(IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection(GatewayOptions.SectionName).Get<GatewayOptions>() ?? new GatewayOptions();
        var destinations = options.ParseDestinations();
        var route = new RouteConfig
        {
            RouteId = "all",
            ClusterId = ClusterId,
            Match = new RouteMatch { Path = "{**path}" },

            // The api nodes build absolute URLs (tus Location, playback, thumbnails) from the request's Host: keep the
            // gateway's, or clients would be sent around it to a node's own address.
            Transforms = [new Dictionary<string, string> { ["RequestHeaderOriginalHost"] = "true" }],
        };
        var cluster = new ClusterConfig
        {
            ClusterId = ClusterId,
            LoadBalancingPolicy = "PowerOfTwoChoices",
            Destinations = destinations.Select((uri, i) => (uri, i)).ToDictionary(
                d => "node" + d.i.ToString(CultureInfo.InvariantCulture),
                d => new DestinationConfig { Address = d.uri.ToString() }),
            HealthCheck = new HealthCheckConfig
            {
                // YARP's default sends traffic to every node when none is healthy ("panic"); a node that is not ready
                // must not get traffic, and no ready node at all is a 503 the client can retry, not a request lost inside.
                AvailableDestinationsPolicy = HealthCheckConstants.AvailableDestinations.HealthyAndUnknown,
                Active = new ActiveHealthCheckConfig
                {
                    Enabled = true,
                    Interval = options.HealthCheckInterval,
                    Timeout = options.HealthCheckTimeout,
                    Policy = HealthCheckConstants.ActivePolicy.ConsecutiveFailures,
                    Path = "/readyz",
                },
                Passive = new PassiveHealthCheckConfig
                {
                    Enabled = true,
                    Policy = HealthCheckConstants.PassivePolicy.TransportFailureRate,
                    ReactivationPeriod = options.ReactivationPeriod,
                },
            },
            Metadata = new Dictionary<string, string>
            {
                // One failed probe takes a node out: /readyz already means "do not send me traffic".
                [ConsecutiveFailuresHealthPolicyOptions.ThresholdMetadataName] = "1",
            },
        };
        services.AddReverseProxy().LoadFromMemory([route], [cluster]);
        services.AddHealthChecks().AddCheck<GatewayDestinationsCheck>("api nodes", tags: [NodeHealthEndpoints.ReadyTag]);
        services.AddProblemDetails();
    }

    public static void MapGateway(WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.MapNodeHealth();
        app.MapReverseProxy();
    }

    /// <summary>Ready while at least one api node is in the rotation.</summary>
    private sealed class GatewayDestinationsCheck(IProxyStateLookup proxy) : IHealthCheck
    {
        public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken)
        {
            var available = proxy.TryGetCluster(ClusterId, out var cluster) ? cluster.DestinationsState.AvailableDestinations.Count : 0;
            var total = cluster?.Destinations.Count ?? 0;
            return Task.FromResult(available > 0
                ? HealthCheckResult.Healthy()
                : HealthCheckResult.Unhealthy(string.Create(CultureInfo.InvariantCulture, $"None of the {total} api nodes passes its readiness probe.")));
        }
    }
}
