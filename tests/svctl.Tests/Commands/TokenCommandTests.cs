using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Runtime.Versioning;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using ShortVideo.Cli.Commands;
using ShortVideo.Testing;

namespace svctl.Tests.Commands;

[SupportedOSPlatform("linux")]
public sealed class TokenCommandTests() : DataDirTest("sv-token-")
{
    /// <summary>A real Kestrel node (auth only) on <paramref name="dataDir"/> answers GET /me with the user id.</summary>
    private static async Task<HttpResponseMessage> CallNodeAsync(string dataDir, string token)
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["DataDir"] = dataDir });
        builder.Services.AddShortVideo().AddShortVideoAuth();
        await using var app = builder.Build();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapGet("/me", (System.Security.Claims.ClaimsPrincipal user) => user.FindFirst("sub")!.Value).RequireAuthorization();
        await app.StartAsync();
        var address = app.Urls.Single(); // the port Kestrel picked
        using var client = new HttpClient { BaseAddress = new Uri(address) };
        using var request = new HttpRequestMessage(HttpMethod.Get, "/me");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var response = await client.SendAsync(request);
        await response.Content.LoadIntoBufferAsync();
        await app.StopAsync();
        return response;
    }

    [Fact]
    public async Task Prints_one_line_with_a_token_that_a_node_on_the_same_data_dir_accepts()
    {
        var (exitCode, output, error) = await CommandRunner.RunAsync(TokenCommand.Create(), "--user", "alice", "--data", DataDir);

        Assert.Equal(0, exitCode);
        Assert.Equal(string.Empty, error);
        var token = Assert.Single(output.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        using var response = await CallNodeAsync(DataDir, token);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("alice", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Token_from_another_data_dir_is_refused_by_the_node()
    {
        var (_, output, _) = await CommandRunner.RunAsync(TokenCommand.Create(), "--user", "alice", "--data", Path.Combine(Root, "other"));

        using var response = await CallNodeAsync(DataDir, output.Trim());

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Creates_the_dev_key_when_missing_and_reuses_it()
    {
        await CommandRunner.RunAsync(TokenCommand.Create(), "--user", "alice", "--data", DataDir);
        var keyPath = Path.Combine(DataDir, "keys", "dev-signing.key");
        var key = await File.ReadAllTextAsync(keyPath);

        await CommandRunner.RunAsync(TokenCommand.Create(), "--user", "bob", "--data", DataDir);

        Assert.Equal(key, await File.ReadAllTextAsync(keyPath));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(keyPath));
    }

    [Theory]
    [InlineData(null, 24 * 3600)]
    [InlineData("90s", 90)]
    [InlineData("30m", 1800)]
    [InlineData("7d", 7 * 86400)]
    public async Task Ttl_sets_the_lifetime_and_defaults_to_24_hours(string? ttl, int seconds)
    {
        string[] args = ttl is null ? ["--user", "alice", "--data", DataDir] : ["--user", "alice", "--data", DataDir, "--ttl", ttl];

        var (_, output, _) = await CommandRunner.RunAsync(TokenCommand.Create(), args);

        var token = new JsonWebToken(output.Trim());
        Assert.Equal(TimeSpan.FromSeconds(seconds), token.ValidTo - token.IssuedAt);
    }

    [Theory]
    [InlineData(new[] { "--data", "X" }, "svctl token: --user is required, for example: svctl token --user alice")]
    [InlineData(new[] { "--user", "a b" }, "svctl token: User id 'a b' is not valid: use 1 to 64 characters among letters, digits, '_', '.' and '-'.")]
    [InlineData(new[] { "--user", "alice", "--ttl", "banana" }, "svctl token: --ttl 'banana' is not a duration: use a whole number followed by s, m, h or d (90s, 30m, 24h, 7d).")]
    [InlineData(new[] { "--user", "alice", "--ttl", "0s" }, "svctl token: --ttl '0s' is not a positive duration.")]
    [InlineData(new[] { "--user", "alice", "--ttl", "-5m" }, "svctl token: --ttl '-5m' is not a duration: use a whole number followed by s, m, h or d (90s, 30m, 24h, 7d).")]
    public async Task Bad_input_exits_2_with_one_readable_line_on_stderr_and_nothing_on_stdout(string[] args, string expected)
    {
        var (exitCode, output, error) = await CommandRunner.RunAsync(TokenCommand.Create(), [.. args.Select(a => a == "X" ? DataDir : a)]);

        Assert.Equal(2, exitCode);
        Assert.Equal(string.Empty, output);
        Assert.Equal(expected, error.TrimEnd('\n'));
        Assert.False(Directory.Exists(DataDir)); // refused before touching the data dir
    }

    [Fact]
    public async Task Ttl_longer_than_the_max_token_lifetime_is_refused_naming_the_setting()
    {
        var (exitCode, output, error) = await CommandRunner.RunAsync(TokenCommand.Create(), "--user", "alice", "--data", DataDir, "--ttl", "31d");

        Assert.Equal(2, exitCode);
        Assert.Equal(string.Empty, output);
        Assert.Equal(
            "svctl token: --ttl '31d' is longer than the 30d nodes accept (Auth:MaxTokenLifetime): ask for a shorter lifetime.",
            error.TrimEnd('\n'));
        Assert.False(Directory.Exists(DataDir));
    }

    [Fact]
    public async Task Ttl_up_to_a_configured_max_token_lifetime_is_accepted()
    {
        var result = await SvctlProcess.RunAsync(
            ["token", "--user", "alice", "--data", DataDir, "--ttl", "45d"],
            new Dictionary<string, string?> { ["SV_Auth__MaxTokenLifetime"] = "60.00:00:00" });

        Assert.Equal(0, result.ExitCode);
        var token = new JsonWebToken(result.LastLine);
        Assert.Equal(TimeSpan.FromDays(45), token.ValidTo - token.IssuedAt);
    }

    [Fact]
    public async Task Moderator_grants_the_moderator_role_and_a_plain_token_grants_none()
    {
        var (_, moderator, _) = await CommandRunner.RunAsync(TokenCommand.Create(), "--user", "mod", "--data", DataDir, "--moderator");
        var (_, plain, _) = await CommandRunner.RunAsync(TokenCommand.Create(), "--user", "alice", "--data", DataDir);

        Assert.Equal(["moderator"], new JsonWebToken(moderator.Trim()).Claims.Where(c => c.Type == "role").Select(c => c.Value));
        Assert.DoesNotContain(new JsonWebToken(plain.Trim()).Claims, c => c.Type == "role");
    }

    [Fact]
    public async Task Token_carries_a_jti_and_the_kid_of_the_data_dirs_key()
    {
        var (_, output, _) = await CommandRunner.RunAsync(TokenCommand.Create(), "--user", "alice", "--data", DataDir);

        var token = new JsonWebToken(output.Trim());
        Assert.Matches("^[0-9a-f]{32}$", token.Id);
        Assert.Matches("^[0-9a-f]{16}$", token.Kid);
    }

    [Fact]
    public async Task Production_mode_is_refused_pointing_at_the_identity_provider()
    {
        // Out of process: the mode comes from the environment, which this test must not change for others.
        var svctl = typeof(TokenCommand).Assembly.Location;
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { svctl, "token", "--user", "alice", "--data", DataDir },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            Environment = { ["SV_Auth__Mode"] = "Production" },
        };
        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();

        Assert.Equal(2, process.ExitCode);
        Assert.Equal(string.Empty, output);
        Assert.Equal(
            "svctl token: Auth:Mode is Production: tokens come from your identity provider, not from svctl (dev tokens are for Dev mode only).",
            error.TrimEnd('\n'));
        Assert.False(Directory.Exists(Path.Combine(DataDir, "keys")));
    }
}
