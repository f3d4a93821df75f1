using System.CommandLine;
using ShortVideo.Cli.Commands.Bench;

namespace ShortVideo.Cli.Commands;

/// <summary><c>svctl bench &lt;area&gt;</c>: each area is a subcommand under Commands/Bench/.</summary>
internal static class BenchCommand
{
    public static Command Create()
    {
        var command = new Command("bench", "Measure an area of the platform; --json prints one object of figures.");
        command.Subcommands.Add(BenchUploadCommand.Create());
        command.Subcommands.Add(BenchTranscodeCommand.Create());
        command.Subcommands.Add(BenchPipelineCommand.Create());
        command.Subcommands.Add(BenchRankCommand.Create());
        command.Subcommands.Add(BenchRankQualityCommand.Create());
        command.Subcommands.Add(BenchRankMemoryCommand.Create());
        command.Subcommands.Add(BenchSearchCommand.Create());
        command.Subcommands.Add(BenchFeedCommand.Create());
        return command;
    }
}
