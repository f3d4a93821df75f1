using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using ShortVideo.Testing;

namespace ShortVideo.EndToEnd.Tests.Browser;

/// <summary>
/// The web page an integrator would host: player.html and hls.js, served by its own Kestrel on another
/// 127.0.0.1 port than the node. A different port is a different origin, so every playlist and segment
/// the player fetches from the node goes through CORS, as it does for a real site.
/// </summary>
internal sealed class PlayerPageServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private PlayerPageServer(WebApplication app)
    {
        _app = app;
        // Kestrel replaces port 0 with the port it bound once started.
        BaseAddress = new Uri(app.Urls.First().TrimEnd('/') + "/");
    }

    public Uri BaseAddress { get; }

    public static async Task<PlayerPageServer> StartAsync()
    {
        var page = Path.Combine(AppContext.BaseDirectory, "Browser", "player.html");
        var hlsJs = Path.Combine(NodeModules.Require("hls.js"), "dist", "hls.min.js");

        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        var app = builder.Build();
        app.MapGet("/", () => Results.File(page, "text/html; charset=utf-8"));
        app.MapGet("/hls.min.js", () => Results.File(hlsJs, "text/javascript; charset=utf-8"));
        await app.StartAsync();
        return new PlayerPageServer(app);
    }

    /// <summary>The player page that plays <paramref name="masterPlaylist"/>.</summary>
    public Uri PlayerFor(Uri masterPlaylist) =>
        new(BaseAddress, "?src=" + Uri.EscapeDataString(masterPlaylist.AbsoluteUri));

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
