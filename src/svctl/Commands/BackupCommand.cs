using System.CommandLine;
using ShortVideo.Storage.Sqlite;
using static ShortVideo.Cli.Commands.MetadataCommands;

namespace ShortVideo.Cli.Commands;

/// <summary><c>svctl backup [--data DIR] --out FILE [--force]</c>: an online, checked copy of the metadata database.</summary>
internal static class BackupCommand
{
    private const string Name = "backup";

    public static Command Create()
    {
        var data = DataOption();
        var output = new Option<string?>("--out") { Description = "The backup file to write (its directory is created)." };
        var force = new Option<bool>("--force") { Description = "Overwrite --out when it exists." };
        var command = new Command(Name, "Back up the metadata database (safe while a node runs); blobs and media are files to copy yourself.");
        command.Options.Add(data);
        command.Options.Add(output);
        command.Options.Add(force);
        command.SetAction(parseResult =>
        {
            var destination = parseResult.GetValue(output);
            if (string.IsNullOrWhiteSpace(destination))
            {
                return Fail(parseResult, Name, "--out is required, for example: svctl backup --out backups/shortvideo.db", ExitUsage);
            }

            if (Directory.Exists(destination))
            {
                return Fail(parseResult, Name, $"--out {Path.GetFullPath(destination)} is a directory; name the backup file inside it.", ExitUsage);
            }

            if (File.Exists(destination) && !parseResult.GetValue(force))
            {
                return Fail(parseResult, Name, $"{Path.GetFullPath(destination)} already exists; choose another name, or pass --force to overwrite it.", ExitUsage);
            }

            var dataDirectory = DataDirectory(parseResult, data);

            // The node's own database failing its checks is not bad input: exit 1 like any environment problem.
            return Run(parseResult, Name, () =>
            {
                var report = SqliteMetadataFile.Backup(dataDirectory, destination, parseResult.GetValue(force));
                var root = Path.GetFullPath(dataDirectory);
                return $"Backed up {SqliteMetadataFile.PathIn(root)} to {report.Path} ({Summary(report)}). "
                    + $"Blobs and media are not in it: copy {Path.Combine(root, "blobs")} and {Path.Combine(root, "media")} with your usual tools.";
            }, static _ => ExitFailed);
        });
        return command;
    }
}
