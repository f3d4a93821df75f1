using System.CommandLine;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using ShortVideo.Cli.Parsing;
using ShortVideo.Hosting.Auth;
using ShortVideo.Hosting.Configuration;

namespace ShortVideo.Cli.Commands;

/// <summary><c>svctl token --user NAME [--data DIR] [--ttl 24h]</c>: a bearer token for a dev node.</summary>
internal static class TokenCommand
{
    private const int UsageError = 2;
    private const int EnvironmentError = 1;

    // Dev tokens are for local work; a year keeps exp far from any date arithmetic limit.
    private static readonly TimeSpan MaximumTtl = TimeSpan.FromDays(365);

    public static Command Create()
    {
        var user = new Option<string?>("--user") { Description = "User id the token is for (1-64 of A-Z a-z 0-9 _ . -)." };
        var data = new Option<string?>("--data") { Description = "Data directory of the node (default: DataDir from configuration, else .svdata)." };
        var ttl = new Option<string>("--ttl")
        {
            Description = $"Lifetime: {DurationParser.Formats}.",
            DefaultValueFactory = _ => "24h",
        };
        var command = new Command("token", "Print a bearer token that a dev node on the same data directory accepts.");
        command.Options.Add(user);
        command.Options.Add(data);
        command.Options.Add(ttl);
        command.SetAction(async (parseResult, ct) =>
        {
            await Task.Yield();
            var output = parseResult.InvocationConfiguration.Output;
            var error = parseResult.InvocationConfiguration.Error;
            var userId = parseResult.GetValue(user);
            if (string.IsNullOrEmpty(userId))
            {
                return Fail(error, UsageError, "--user is required, for example: svctl token --user alice");
            }

            if (!DurationParser.TryParse(parseResult.GetValue(ttl), MaximumTtl, out var lifetime, out var ttlError))
            {
                return Fail(error, UsageError, $"--ttl {ttlError}");
            }

            try
            {
                output.WriteLine(Issue(NodeConfiguration.Load(parseResult.GetValue(data)), userId, lifetime));
                return 0;
            }
            catch (ArgumentException invalid)
            {
                return Fail(error, UsageError, FirstSentence(invalid.Message));
            }
            catch (TokenRefusedException refused)
            {
                return Fail(error, UsageError, refused.Message);
            }
            catch (Exception failure) when (failure is IOException or UnauthorizedAccessException or InvalidOperationException)
            {
                return Fail(error, EnvironmentError, failure.Message);
            }
        });
        return command;
    }

    /// <summary>Issues through the node's own registration, so the key is found (or created) exactly as the node does.</summary>
    private static string Issue(IConfigurationRoot configuration, string userId, TimeSpan lifetime)
    {
        // Checked before the options are validated: a production node without a key must get this
        // answer too, not a complaint about the key.
        if (configuration.GetSection(AuthOptions.SectionName).Get<AuthOptions>()?.Mode == AuthMode.Production)
        {
            throw new TokenRefusedException(
                "Auth:Mode is Production: tokens come from your identity provider, not from svctl (dev tokens are for Dev mode only).");
        }

        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging();
        services.AddShortVideo().AddShortVideoAuth();
        using var provider = services.BuildServiceProvider();
        return provider.GetRequiredService<TokenIssuer>().Issue(userId, lifetime);
    }

    private static int Fail(TextWriter error, int exitCode, string message)
    {
        error.WriteLine($"svctl token: {message}");
        return exitCode;
    }

    // ArgumentException appends " (Parameter 'userId')"; the user did not write a parameter.
    private static string FirstSentence(string message)
    {
        var parameter = message.IndexOf(" (Parameter '", StringComparison.Ordinal);
        return parameter < 0 ? message : message[..parameter];
    }

    private sealed class TokenRefusedException(string message) : Exception(message);
}
