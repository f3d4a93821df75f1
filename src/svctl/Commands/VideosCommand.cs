using System.CommandLine;
using ShortVideo.Cli.Commands.Videos;

namespace ShortVideo.Cli.Commands;

/// <summary><c>svctl videos get|list|wait</c>: the caller's videos on a node; each subcommand is under Commands/Videos/.</summary>
internal static class VideosCommand
{
    public static Command Create() => Create(Environment.GetEnvironmentVariable);

    /// <summary>Tests pass <paramref name="environment"/> so SV_TOKEN of the machine running them does not leak in.</summary>
    internal static Command Create(Func<string, string?> environment)
    {
        var command = new Command("videos", "Look at your videos on a node: one (get), all of them (list), or wait for one to be processed.");
        command.Subcommands.Add(VideosGetCommand.Create(environment));
        command.Subcommands.Add(VideosListCommand.Create(environment));
        command.Subcommands.Add(VideosWaitCommand.Create(environment));
        return command;
    }
}
