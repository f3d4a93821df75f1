using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.Options;
using ShortVideo.Cli.Parsing;
using ShortVideo.Hosting.Auth;
using static ShortVideo.Cli.Commands.AuthCommandContext;

namespace ShortVideo.Cli.Commands;

/// <summary>
/// <c>svctl token revoke --jti ID | --user NAME [--data DIR]</c>: nodes on the data directory refuse the token,
/// or every token of the user issued until now, within Auth:RefreshInterval and without a restart.
/// </summary>
internal static class TokenRevokeCommand
{
    private const string Name = "token revoke";

    public static Command Create()
    {
        var jti = new Option<string?>("--jti") { Description = "Id of the token to revoke (its 'jti' claim)." };
        var user = new Option<string?>("--user") { Description = "Revoke every token of this user issued until now." };
        var data = DataOption();
        var command = new Command("revoke", "Revoke a token by id, or every token of a user; running nodes on the data directory refuse them within seconds.");
        command.Options.Add(jti);
        command.Options.Add(user);
        command.Options.Add(data);
        command.SetAction(async (parseResult, ct) =>
        {
            var output = parseResult.InvocationConfiguration.Output;
            var error = parseResult.InvocationConfiguration.Error;
            var tokenId = parseResult.GetValue(jti);
            var userId = parseResult.GetValue(user);
            if (InputProblem(tokenId, userId) is { } problem)
            {
                return Fail(error, Name, UsageError, problem);
            }

            try
            {
                using var context = Load(parseResult.GetValue(data));
                var revoker = context.Get<TokenRevoker>();
                output.WriteLine(tokenId is not null
                    ? DescribeToken(tokenId, await revoker.RevokeTokenAsync(tokenId, ct), context)
                    : DescribeUser(userId!, await revoker.RevokeUserAsync(userId!, ct), context));
                return 0;
            }
            catch (ArgumentException invalid)
            {
                return Fail(error, Name, UsageError, FirstSentence(invalid.Message));
            }
            catch (Exception failure) when (failure is IOException or UnauthorizedAccessException or InvalidOperationException or OptionsValidationException)
            {
                return Fail(error, Name, EnvironmentError, failure.Message);
            }
        });
        return command;
    }

    private static string? InputProblem(string? tokenId, string? userId) => (tokenId, userId) switch
    {
        (null, null) => "give --jti ID (one token) or --user NAME (every token of that user), for example: svctl token revoke --user alice",
        (not null, not null) => "give --jti or --user, not both: revoke one token, or every token of a user.",
        (_, "") => "--user is empty: give the id of the user whose tokens to revoke.",
        _ => null,
    };

    private static string DescribeToken(string tokenId, TokenRevocationResult result, AuthCommandContext context)
    {
        if (result.AlreadyRevoked)
        {
            return $"Token {tokenId} was already revoked; nothing changed.";
        }

        var known = result.UnexpiredIssuedTokens > 0 || context.Options.Mode == AuthMode.Production
            ? string.Empty
            : " No unexpired token with this id was issued on this data directory; the revocation is recorded all the same.";
        return $"Revoked token {tokenId}: nodes on {context.DataDirectory} refuse it within {Interval(context)}.{known}";
    }

    private static string DescribeUser(string userId, TokenRevocationResult result, AuthCommandContext context)
    {
        var until = result.RevokedAt.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
        var count = result.UnexpiredIssuedTokens switch
        {
            _ when context.Options.Mode == AuthMode.Production => "every token",
            0 => "every token (none unexpired was issued on this data directory; the revocation is recorded all the same)",
            1 => "1 unexpired token",
            var n => string.Create(CultureInfo.InvariantCulture, $"{n} unexpired tokens"),
        };
        return $"Revoked {count} of {userId} issued until {until}: nodes on {context.DataDirectory} refuse them within {Interval(context)}; tokens issued later are accepted.";
    }

    private static string Interval(AuthCommandContext context) => DurationParser.Format(context.Options.RefreshInterval);
}
