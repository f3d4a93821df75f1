using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using ShortVideo.Hosting.Auth;

namespace ShortVideo.Hosting.Node;

/// <summary>
/// One line at start that says what this node is: its roles, its auth mode, where its data lives and where its metadata is. ASP.NET's own
/// status lines name the hosting environment instead, "Production" unless ASPNETCORE_ENVIRONMENT says otherwise,
/// which this node never reads: next to a dev-mode node that word suggested production auth.
/// </summary>
internal sealed partial class NodeStartupLog(
    NodeRoles roles,
    IOptions<AuthOptions> auth,
    IOptions<DataDirectoryOptions> dataDirectory,
    IOptions<HostOptions> host,
    IConfiguration configuration,
    ILogger<NodeStartupLog> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var dataDir = dataDirectory.Value.FullPath;
        List<string> names = [];
        if (roles.Api)
        {
            names.Add("api");
        }

        if (roles.Media)
        {
            names.Add("media");
        }

        if (roles.Ranking)
        {
            names.Add("ranking");
        }

        var roleNames = names.Count == 0 ? "none" : string.Join(", ", names);
        var metadata = Metadata(dataDir);
        if (auth.Value.Mode == AuthMode.Production)
        {
            LogProduction(logger, roleNames, dataDir, metadata);
        }
        else
        {
            LogDev(logger, roleNames, DevSigningKeyStore.KeyPath(dataDir), dataDir, metadata);
        }

        return Task.CompletedTask;
    }

    /// <summary>Where the stores live, never with credentials: the SQLite file, or PostgreSQL's server and database.</summary>
    private string Metadata(string dataDir)
    {
        if (!string.Equals(configuration["Metadata:Provider"], "Postgres", StringComparison.OrdinalIgnoreCase))
        {
            return "SQLite " + Path.Combine(dataDir, "shortvideo.db");
        }

        var server = new NpgsqlConnectionStringBuilder(configuration["Metadata:Postgres:ConnectionString"]);
        return $"PostgreSQL {server.Host}:{server.Port}/{server.Database}";
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        LogStopping(logger, host.Value.ShutdownTimeout.TotalSeconds);
        return Task.CompletedTask;
    }

    [LoggerMessage(1, LogLevel.Information, "ShortVideo node: roles {Roles}; auth mode Dev: tokens are signed with the dev key {KeyPath} (mint one with: svctl token --user NAME), for local use, not production; data {DataDir}; metadata {Metadata}")]
    private static partial void LogDev(ILogger logger, string roles, string keyPath, string dataDir, string metadata);

    [LoggerMessage(2, LogLevel.Information, "ShortVideo node: roles {Roles}; auth mode Production: tokens are signed with Auth:SigningKey; data {DataDir}; metadata {Metadata}")]
    private static partial void LogProduction(ILogger logger, string roles, string dataDir, string metadata);

    [LoggerMessage(3, LogLevel.Information, "ShortVideo node stopping: requests in flight get up to {Seconds} s to finish")]
    private static partial void LogStopping(ILogger logger, double seconds);
}
