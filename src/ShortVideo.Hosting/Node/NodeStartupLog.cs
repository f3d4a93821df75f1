using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ShortVideo.Hosting.Auth;

namespace ShortVideo.Hosting.Node;

/// <summary>
/// One line at start that says what this node is: its roles, its auth mode and where its data lives. ASP.NET's own
/// status lines name the hosting environment instead, "Production" unless ASPNETCORE_ENVIRONMENT says otherwise,
/// which this node never reads: next to a dev-mode node that word suggested production auth.
/// </summary>
internal sealed partial class NodeStartupLog(
    NodeRoles roles,
    IOptions<AuthOptions> auth,
    IOptions<DataDirectoryOptions> dataDirectory,
    IOptions<HostOptions> host,
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
        if (auth.Value.Mode == AuthMode.Production)
        {
            LogProduction(logger, roleNames, dataDir);
        }
        else
        {
            LogDev(logger, roleNames, DevSigningKeyStore.KeyPath(dataDir), dataDir);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        LogStopping(logger, host.Value.ShutdownTimeout.TotalSeconds);
        return Task.CompletedTask;
    }

    [LoggerMessage(1, LogLevel.Information, "ShortVideo node: roles {Roles}; auth mode Dev: tokens are signed with the dev key {KeyPath} (mint one with: svctl token --user NAME), for local use, not production; data {DataDir}")]
    private static partial void LogDev(ILogger logger, string roles, string keyPath, string dataDir);

    [LoggerMessage(2, LogLevel.Information, "ShortVideo node: roles {Roles}; auth mode Production: tokens are signed with Auth:SigningKey; data {DataDir}")]
    private static partial void LogProduction(ILogger logger, string roles, string dataDir);

    [LoggerMessage(3, LogLevel.Information, "ShortVideo node stopping: requests in flight get up to {Seconds} s to finish")]
    private static partial void LogStopping(ILogger logger, double seconds);
}
