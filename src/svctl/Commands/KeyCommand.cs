using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.Options;
using ShortVideo.Cli.Parsing;
using ShortVideo.Hosting.Auth;
using static ShortVideo.Cli.Commands.AuthCommandContext;

namespace ShortVideo.Cli.Commands;

/// <summary>
/// <c>svctl key rotate [--data DIR] [--overlap 24h]</c>: a new dev signing key for the data directory; tokens of
/// the previous key keep working for the overlap, and running nodes pick the new key up without a restart.
/// </summary>
internal static class KeyCommand
{
    private const string Name = "key rotate";

    public static Command Create()
    {
        var command = new Command("key", "Manage the dev signing keys of a data directory.");
        command.Subcommands.Add(CreateRotate());
        return command;
    }

    private static Command CreateRotate()
    {
        var data = DataOption();
        var overlap = new Option<string>("--overlap")
        {
            Description = $"How long tokens of the previous key keep working: {DurationParser.Formats}, or 0s to refuse them now; at most Auth:MaxTokenLifetime.",
            DefaultValueFactory = _ => "24h",
        };
        var command = new Command("rotate", "Create a new dev signing key; tokens of the previous key are refused once the overlap ends.");
        command.Options.Add(data);
        command.Options.Add(overlap);
        command.SetAction(async (parseResult, ct) =>
        {
            await Task.Yield();
            var output = parseResult.InvocationConfiguration.Output;
            var error = parseResult.InvocationConfiguration.Error;
            var overlapText = parseResult.GetValue(overlap);
            if (!DurationParser.TryParse(overlapText, LongestDuration, out var window, out var overlapError, allowZero: true))
            {
                return Fail(error, Name, UsageError, $"--overlap {overlapError}");
            }

            try
            {
                using var context = Load(parseResult.GetValue(data));
                if (context.Options.Mode == AuthMode.Production)
                {
                    return Fail(error, Name, UsageError,
                        "Auth:Mode is Production: rotate by configuration: put the new key in Auth:SigningKey and the old one in Auth:PreviousSigningKeys with a ValidUntil, then restart the nodes one by one.");
                }

                if (window > context.Options.MaxTokenLifetime)
                {
                    return Fail(error, Name, UsageError,
                        $"--overlap '{overlapText}' is longer than Auth:MaxTokenLifetime ({DurationParser.Format(context.Options.MaxTokenLifetime)}): every token of the old key has expired by then.");
                }

                var rotation = context.Get<SigningKeyRotator>().Rotate(window);
                var until = rotation.PreviousKeyRetiresAt.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
                output.WriteLine(
                    $"Rotated the dev signing key of {context.DataDirectory}: new tokens are signed with key {rotation.KeyId}; " +
                    $"tokens of key {rotation.PreviousKeyId} are accepted until {until}, then refused. " +
                    $"Running nodes use the new key within {DurationParser.Format(context.Options.RefreshInterval)}.");
                return 0;
            }
            catch (Exception failure) when (failure is IOException or UnauthorizedAccessException or InvalidOperationException or OptionsValidationException)
            {
                return Fail(error, Name, EnvironmentError, failure.Message);
            }
        });
        return command;
    }
}
