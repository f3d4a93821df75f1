namespace ShortVideo.Hosting.Gateway;

/// <summary>The <c>gateway</c> role: one address in front of the api nodes (section <c>Gateway</c>).</summary>
public sealed class GatewayOptions
{
    /// <summary>The configuration section these options bind from.</summary>
    public const string SectionName = "Gateway";

    /// <summary>The api nodes' base URLs, <c>;</c>-separated, e.g. <c>http://10.0.0.5:8080;http://10.0.0.6:8080</c>.</summary>
    public string? Destinations { get; set; }

    /// <summary>How often each api node's <c>/readyz</c> is probed; a node that fails it leaves the rotation until it passes again.</summary>
    public TimeSpan HealthCheckInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How long one probe may take before it counts as a failure.</summary>
    public TimeSpan HealthCheckTimeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How long a node that refused connections stays out before it is tried with traffic again.</summary>
    public TimeSpan ReactivationPeriod { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The destinations as absolute http(s) URIs; a sentence naming the key when they are missing or malformed.</summary>
    internal IReadOnlyList<Uri> ParseDestinations()
    {
        var parts = (Destinations ?? string.Empty).Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (parts.Length == 0)
        {
            throw new InvalidOperationException($"{SectionName}:Destinations is required for the gateway role: the api nodes' URLs, ';'-separated.");
        }

        var uris = new List<Uri>(parts.Length);
        foreach (var part in parts)
        {
            if (!Uri.TryCreate(part, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
            {
                throw new InvalidOperationException($"{SectionName}:Destinations has '{part}', which is not an http(s) URL.");
            }

            uris.Add(uri);
        }

        foreach (var (name, value) in new[] { (nameof(HealthCheckInterval), HealthCheckInterval), (nameof(HealthCheckTimeout), HealthCheckTimeout), (nameof(ReactivationPeriod), ReactivationPeriod) })
        {
            if (value <= TimeSpan.Zero || value > TimeSpan.FromMinutes(10))
            {
                throw new InvalidOperationException($"{SectionName}:{name} must be between 00:00:00.001 and 00:10:00.");
            }
        }

        return uris;
    }
}
