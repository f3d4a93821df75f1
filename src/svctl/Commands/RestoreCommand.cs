using System.CommandLine;
using ShortVideo.Storage.Sqlite;
using static ShortVideo.Cli.Commands.MetadataCommands;

namespace ShortVideo.Cli.Commands;

/// <summary><c>svctl restore [--data DIR] --from FILE</c>: puts a backup in place of the metadata database, atomically.</summary>
internal static class RestoreCommand
{
    private const string Name = "restore";

    public static Command Create()
    {
        var data = DataOption();
        var source = new Option<string?>("--from") { Description = "The backup file (made by svctl backup)." };
        var command = new Command(Name, "Replace the metadata database with a backup (the node must be stopped); the replaced one is kept aside.");
        command.Options.Add(data);
        command.Options.Add(source);
        command.SetAction(parseResult =>
        {
            var from = parseResult.GetValue(source);
            if (string.IsNullOrWhiteSpace(from))
            {
                return Fail(parseResult, Name, "--from is required, for example: svctl restore --from backups/shortvideo.db", ExitUsage);
            }

            var dataDirectory = DataDirectory(parseResult, data);

            // A backup that is missing, not ours, damaged or too new is bad input (2); a running node is not (1).
            return Run(parseResult, Name, () =>
            {
                var result = SqliteMetadataFile.Restore(dataDirectory, from);
                var kept = result.ReplacedPath is null ? "There was no database to replace." : $"The database it replaced is kept as {result.ReplacedPath}.";
                return $"Restored {result.Restored.Path} from {Path.GetFullPath(from)} ({Summary(result.Restored)}). {kept}";
            }, static state => state == MetadataFileState.InUse ? ExitFailed : ExitUsage);
        });
        return command;
    }
}
