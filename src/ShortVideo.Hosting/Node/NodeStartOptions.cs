namespace ShortVideo.Hosting.Node;

/// <summary>What `svctl up` (or an integrator's Program.cs) passes to <see cref="ShortVideoNode.Build"/>.</summary>
public sealed class NodeStartOptions
{
    /// <summary>Data directory (overrides configuration key DataDir).</summary>
    public string? DataDir { get; set; }

    /// <summary>Listen URLs, ';'-separated (overrides configuration key Urls).</summary>
    public string? Urls { get; set; }

    /// <summary>Directory holding appsettings.json; default: the current directory.</summary>
    public string? ContentRoot { get; set; }

    /// <summary>Configuration keys set by flags; they win over appsettings.json and SV_ variables.</summary>
    public IDictionary<string, string?> Overrides { get; } = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
}
