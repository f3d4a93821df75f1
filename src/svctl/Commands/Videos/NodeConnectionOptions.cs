using System.CommandLine;
using ShortVideo.Cli.Videos;

namespace ShortVideo.Cli.Commands.Videos;

/// <summary>
/// <c>--server</c>, <c>--token</c> and <c>--json</c> of the <c>svctl videos</c> commands, with the same defaults and
/// sentences as <c>svctl upload</c>.
/// </summary>
internal sealed class NodeConnectionOptions
{
    public const string DefaultServer = "http://127.0.0.1:8080";

    public Option<string> Server { get; } = new("--server")
    {
        Description = "Server URL of the node.",
        DefaultValueFactory = _ => DefaultServer,
    };

    public Option<string?> Token { get; } = new("--token") { Description = "Bearer token; defaults to $SV_TOKEN." };

    public Option<bool> Json { get; } = new("--json") { Description = "Print the server's JSON (one object) instead of text." };

    public void AddTo(Command command)
    {
        command.Options.Add(Server);
        command.Options.Add(Token);
        command.Options.Add(Json);
    }

    /// <summary>The API client for the parsed options; null after writing the one-line usage error.</summary>
    public VideoApi? Open(ParseResult parseResult, Func<string, string?> environment, string commandName)
    {
        var error = parseResult.InvocationConfiguration.Error;
        if (!VideoApi.TryResolveServer(parseResult.GetValue(Server), out var server, out var serverError))
        {
            error.WriteLine($"svctl {commandName}: {serverError}");
            return null;
        }

        var token = BearerToken.Resolve(parseResult.GetValue(Token), environment);
        if (token is null)
        {
            error.WriteLine($"svctl {commandName}: {BearerToken.Missing}");
            return null;
        }

        return new VideoApi(server, token);
    }
}
