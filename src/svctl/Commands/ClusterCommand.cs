using System.CommandLine;
using ShortVideo.Cli.Commands.Cluster;

namespace ShortVideo.Cli.Commands;

/// <summary><c>svctl cluster &lt;action&gt;</c>: a scaled-out deployment; each action is a subcommand under Commands/Cluster/.</summary>
internal static class ClusterCommand
{
    public static Command Create()
    {
        var command = new Command("cluster", "Scale out: nodes by role on PostgreSQL and S3 behind a gateway.");
        command.Subcommands.Add(ClusterRenderCommand.Create());
        return command;
    }
}
