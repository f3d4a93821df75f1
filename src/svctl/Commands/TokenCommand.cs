using System.CommandLine;
using Microsoft.Extensions.Options;
using ShortVideo.Cli.Parsing;
using ShortVideo.Hosting.Auth;
using static ShortVideo.Cli.Commands.AuthCommandContext;

namespace ShortVideo.Cli.Commands;

/// <summary><c>svctl token --user NAME [--data DIR] [--ttl 24h]</c>: a bearer token for a dev node; <c>svctl token revoke</c> below it.</summary>
internal static class TokenCommand
{
    public static Command Create()
    {
        var user = new Option<string?>("--user") { Description = "User id the token is for (1-64 of A-Z a-z 0-9 _ . -)." };
        var data = DataOption();
        var ttl = new Option<string>("--ttl")
        {
            Description = $"Lifetime: {DurationParser.Formats}; at most Auth:MaxTokenLifetime (30d unless configured).",
            DefaultValueFactory = _ => "24h",
        };
        var moderator = new Option<bool>("--moderator") { Description = "The token moderates: it sees private videos and every link between videos." };
        var command = new Command("token", "Print a bearer token that a dev node on the same data directory accepts.");
        command.Options.Add(user);
        command.Options.Add(moderator);
        command.Options.Add(data);
        command.Options.Add(ttl);
        command.Subcommands.Add(TokenRevokeCommand.Create());
        command.SetAction(async (parseResult, ct) =>
        {
            await Task.Yield();
            var output = parseResult.InvocationConfiguration.Output;
            var error = parseResult.InvocationConfiguration.Error;
            var userId = parseResult.GetValue(user);
            if (string.IsNullOrEmpty(userId))
            {
                return Fail(error, "token", UsageError, "--user is required, for example: svctl token --user alice");
            }

            if (!DurationParser.TryParse(parseResult.GetValue(ttl), LongestDuration, out var lifetime, out var ttlError))
            {
                return Fail(error, "token", UsageError, $"--ttl {ttlError}");
            }

            try
            {
                using var context = Load(parseResult.GetValue(data));
                if (lifetime > context.Options.MaxTokenLifetime)
                {
                    return Fail(error, "token", UsageError,
                        $"--ttl '{parseResult.GetValue(ttl)}' is longer than the {DurationParser.Format(context.Options.MaxTokenLifetime)} nodes accept (Auth:MaxTokenLifetime): ask for a shorter lifetime.");
                }

                // Checked before the options are validated: a production node without a key must get this
                // answer too, not a complaint about the key.
                if (context.Options.Mode == AuthMode.Production)
                {
                    return Fail(error, "token", UsageError,
                        "Auth:Mode is Production: tokens come from your identity provider, not from svctl (dev tokens are for Dev mode only).");
                }

                string[] roles = parseResult.GetValue(moderator) ? [ShortVideoRoles.Moderator] : [];
                output.WriteLine(context.Get<TokenIssuer>().Issue(userId, lifetime, roles));
                return 0;
            }
            catch (ArgumentException invalid)
            {
                return Fail(error, "token", UsageError, FirstSentence(invalid.Message));
            }
            catch (Exception failure) when (failure is IOException or UnauthorizedAccessException or InvalidOperationException or OptionsValidationException)
            {
                return Fail(error, "token", EnvironmentError, failure.Message);
            }
        });
        return command;
    }
}
