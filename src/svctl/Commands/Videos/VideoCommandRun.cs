using System.CommandLine;
using ShortVideo.Cli.Videos;

namespace ShortVideo.Cli.Commands.Videos;

/// <summary>What every video command does around its request: open the API, turn failures into one line and an exit code.</summary>
internal static class VideoCommandRun
{
    public static async Task<int> RunAsync(
        ParseResult parseResult,
        NodeConnectionOptions connection,
        Func<string, string?> environment,
        string commandName,
        Func<VideoApi, Task<int>> body,
        CancellationToken cancellationToken)
    {
        using var api = connection.Open(parseResult, environment, commandName);
        if (api is null)
        {
            return ExitCodes.Usage;
        }

        var error = parseResult.InvocationConfiguration.Error;
        try
        {
            return await body(api);
        }
        catch (VideoApiException ex)
        {
            error.WriteLine($"svctl {commandName}: {ex.Message}");
            return ExitCodes.Failed;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            error.WriteLine($"svctl {commandName}: interrupted");
            return ExitCodes.Interrupted;
        }
    }

    /// <summary>The ID argument, or null after writing why it is not one.</summary>
    public static string? Id(ParseResult parseResult, Argument<string> id, string commandName)
    {
        var value = parseResult.GetValue(id);
        if (VideoApi.CheckId(value) is { } problem)
        {
            parseResult.InvocationConfiguration.Error.WriteLine($"svctl {commandName}: {problem}: svctl {commandName} ID");
            return null;
        }

        return value;
    }

    /// <summary>The optional ID argument (parsed leniently, so a missing one is our sentence and not a usage dump).</summary>
    public static Argument<string> IdArgument() => new("id") { Description = "The video id (svctl upload prints it).", Arity = ArgumentArity.ZeroOrOne };
}
