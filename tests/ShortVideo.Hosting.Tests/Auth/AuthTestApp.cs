using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using ShortVideo.Hosting.Auth;

namespace ShortVideo.Hosting.Tests.Auth;

/// <summary>
/// A minimal node on TestServer: the auth registration, GET /me (requires a user, answers its id) and
/// GET /admin (requires a claim no token carries, for the 403 path), on its own data directory.
/// </summary>
internal sealed class AuthTestApp : IAsyncDisposable
{
    private readonly WebApplication _app;

    private AuthTestApp(WebApplication app, string dataDir)
    {
        _app = app;
        DataDir = dataDir;
        Client = app.GetTestClient();
    }

    public string DataDir { get; }

    public HttpClient Client { get; }

    public TokenIssuer Issuer => _app.Services.GetRequiredService<TokenIssuer>();

    public IServiceProvider Services => _app.Services;

    public static async Task<AuthTestApp> StartAsync(
        string dataDir,
        TimeProvider? clock = null,
        IReadOnlyDictionary<string, string?>? configuration = null,
        Action<IServiceCollection>? services = null)
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseTestServer();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["DataDir"] = dataDir });
        if (configuration is not null)
        {
            builder.Configuration.AddInMemoryCollection(configuration);
        }

        if (clock is not null)
        {
            builder.Services.AddSingleton(clock);
        }

        services?.Invoke(builder.Services); // before the registration, whose TryAdd keeps what is here
        builder.Services.AddShortVideo().AddShortVideoAuth();
        builder.Services.AddAuthorizationBuilder().AddPolicy("admin", p => p.RequireClaim("role", "admin"));

        var app = builder.Build();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapGet("/me", (HttpContext context) => context.User.GetUserId()).RequireAuthorization();
        app.MapGet("/admin", () => "secret").RequireAuthorization("admin");
        try
        {
            await app.StartAsync();
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }

        return new AuthTestApp(app, dataDir);
    }

    public Task<HttpResponseMessage> GetMeAsync(string? authorization)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/me");
        if (authorization is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
        }

        return Client.SendAsync(request);
    }

    public Task<HttpResponseMessage> GetMeWithTokenAsync(string token) => GetMeAsync("Bearer " + token);

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
