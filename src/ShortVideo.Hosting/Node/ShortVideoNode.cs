using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using ShortVideo.Catalog;
using ShortVideo.Hosting.Configuration;
using ShortVideo.Hosting.Gateway;
using ShortVideo.Hosting.Http;
using ShortVideo.Storage.Sqlite;

namespace ShortVideo.Hosting.Node;

/// <summary>Builds an all-in-one node: every role in one process on the configured engines.</summary>
public static class ShortVideoNode
{
    /// <summary>Default listen address of `svctl up`.</summary>
    public const string DefaultUrls = "http://127.0.0.1:8080";

    private const int MinWorkerThreads = 64;

    private static readonly Dictionary<string, string?> QuietFrameworkLogs = new()
    {
        ["Logging:LogLevel:Default"] = "Information",
        ["Logging:LogLevel:Microsoft.AspNetCore"] = "Warning",
        ["Logging:LogLevel:Microsoft.Hosting.Lifetime"] = "Information",
    };

    /// <summary>
    /// Builds (does not start) the node; configuration from appsettings.json, SV_ variables and <paramref name="options"/>.
    /// Opens the metadata store on the way: a store the node must not run on throws <see cref="MetadataDatabaseException"/>.
    /// </summary>
    public static WebApplication Build(NodeStartOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var overrides = new Dictionary<string, string?>(options.Overrides, StringComparer.OrdinalIgnoreCase);
        if (!string.IsNullOrWhiteSpace(options.Urls))
        {
            overrides["Urls"] = options.Urls;
        }

        var configuration = NodeConfiguration.Load(options.DataDir, overrides, options.ContentRoot);
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            ContentRootPath = Path.GetFullPath(options.ContentRoot ?? Directory.GetCurrentDirectory()),
        });
        builder.Configuration.Sources.Clear();

        // Operator-facing defaults below everything else: our own events at Information, ASP.NET's
        // per-request chatter only when something is wrong. Logging:LogLevel:* in any source overrides.
        builder.Configuration.AddInMemoryCollection(QuietFrameworkLogs);
        builder.Configuration.AddConfiguration(configuration);
        builder.WebHost.UseUrls((configuration["Urls"] ?? DefaultUrls).Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        var server = configuration.GetSection("Server").Get<NodeServerOptions>() ?? new NodeServerOptions();
        server.Validate();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.AddServerHeader = false);
        builder.WebHost.UseSockets(sockets => sockets.UnsafePreferInlineScheduling = server.InlineScheduling);
        builder.Services.AddSingleton<IMemoryPoolFactory<byte>>(new LargeBlockMemoryPoolFactory(server.ReceiveBlockBytes));

        // ASP.NET's start and stop lines name the hosting environment ("Production" by default), which this node does
        // not use; NodeStartupLog says what the node is (auth mode, roles, data) instead.
        builder.Services.Configure<ConsoleLifetimeOptions>(o => o.SuppressStatusMessages = true);
        var roles = NodeRoles.From(configuration);
        if (roles.Gateway)
        {
            // A gateway holds no state: no metadata, storage or workers, only the proxy and its probes.
            builder.Services.AddSingleton(roles);
            GatewayProxy.AddGateway(builder.Services, builder.Configuration);
            var gateway = builder.Build();
            GatewayProxy.MapGateway(gateway);
            return gateway;
        }

        builder.Services.AddShortVideoNode(builder.Configuration);


        // Upload writes block a pool thread for the device's latency (O_DIRECT). With the default minimum
        // (one thread per core) the pool injects threads slowly and Kestrel waits behind blocked writers.
        ThreadPool.GetMinThreads(out var workers, out var completionPorts);
        ThreadPool.SetMinThreads(Math.Max(workers, MinWorkerThreads), completionPorts);

        var app = builder.Build();
        OpenMetadata(app);
        app.UseShortVideoNode();
        return app;
    }

    /// <summary>
    /// Checks (and migrates) the metadata store before the host starts, so a damaged, missing or newer-schema
    /// database ends <see cref="Build"/> with its one-sentence <see cref="MetadataDatabaseException"/>. Left to the
    /// host's start, the same refusal would also be logged by the host with a stack trace.
    /// </summary>
    private static void OpenMetadata(WebApplication app)
    {
        try
        {
            // Synchronous at heart (SQLite); Build is synchronous and runs before any request or hosted service.
            app.Services.GetRequiredService<IVideoCatalog>().CheckAsync(CancellationToken.None).AsTask().GetAwaiter().GetResult();
        }
        catch
        {
            ((IDisposable)app).Dispose();
            throw;
        }
    }
}
