using System.Net.Http.Headers;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using ShortVideo.Hosting.Auth;
using ShortVideo.Hosting.Node;

namespace ShortVideo.Testing;

/// <summary>
/// A real node (Kestrel on 127.0.0.1, a free port) in this process, on a temporary data directory.
/// Tests talk to it over HTTP exactly as clients do.
/// </summary>
public sealed class InProcessNode : IAsyncDisposable
{
    private readonly bool _ownsDataDir;

    private InProcessNode(WebApplication app, string dataDir, bool ownsDataDir)
    {
        App = app;
        DataDir = dataDir;
        _ownsDataDir = ownsDataDir;
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        BaseAddress = new Uri(address.TrimEnd('/') + "/");
    }

    public WebApplication App { get; }

    public string DataDir { get; }

    public Uri BaseAddress { get; }

    public static async Task<InProcessNode> StartAsync(Action<IDictionary<string, string?>>? configure = null, string? dataDir = null)
    {
        var ownsDataDir = dataDir is null;
        dataDir ??= Directory.CreateTempSubdirectory("sv-node-").FullName;
        var options = new NodeStartOptions { DataDir = dataDir, Urls = "http://127.0.0.1:0", ContentRoot = dataDir };
        options.Overrides["Logging:LogLevel:Default"] = "Warning";
        configure?.Invoke(options.Overrides);
        var app = ShortVideoNode.Build(options);
        await app.StartAsync();
        return new InProcessNode(app, dataDir, ownsDataDir);
    }

    public string Token(string user, TimeSpan? ttl = null) =>
        App.Services.GetRequiredService<TokenIssuer>().Issue(user, ttl ?? TimeSpan.FromHours(1));

    /// <summary>An HttpClient for this node, authenticated as <paramref name="user"/> unless null.</summary>
    public HttpClient Client(string? user = "alice")
    {
        var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        if (user is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token(user));
        }

        return client;
    }

    public async ValueTask DisposeAsync()
    {
        await App.StopAsync();
        await App.DisposeAsync();
        if (_ownsDataDir)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try
            {
                Directory.Delete(DataDir, recursive: true);
            }
            catch (IOException)
            {
                // A file still closing on a slow machine; the temp directory is cleaned by the OS later.
            }
        }
    }
}
