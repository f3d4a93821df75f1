using System.CommandLine;
using System.Globalization;
using ShortVideo.Cli.Doctor.Checks;
using ShortVideo.Hosting.Configuration;
using ShortVideo.Storage.Sqlite;

namespace ShortVideo.Cli.Commands;

/// <summary>What <c>svctl backup</c> and <c>svctl restore</c> share: the --data option, exit codes and error lines.</summary>
internal static class MetadataCommands
{
    public const int ExitFailed = 1;
    public const int ExitUsage = 2;

    public static Option<string?> DataOption() =>
        new("--data") { Description = "Data directory of the node (default: DataDir from configuration, else .svdata)." };

    public static string DataDirectory(ParseResult parseResult, Option<string?> data) =>
        NodeConfiguration.Load(parseResult.GetValue(data))[NodeConfiguration.DataDirKey] ?? NodeConfiguration.DefaultDataDir;

    public static int Fail(ParseResult parseResult, string command, string message, int exitCode)
    {
        parseResult.InvocationConfiguration.Error.WriteLine($"svctl {command}: {CliErrors.OneLine(message)}");
        return exitCode;
    }

    /// <summary>Runs <paramref name="action"/>; file-system and database refusals become one line and an exit code.</summary>
    public static int Run(ParseResult parseResult, string command, Func<string> action, Func<MetadataFileState, int> exitCodeOf)
    {
        try
        {
            parseResult.InvocationConfiguration.Output.WriteLine(action());
            return 0;
        }
        catch (MetadataDatabaseException refused)
        {
            return Fail(parseResult, command, refused.Message, exitCodeOf(refused.State));
        }
        catch (ArgumentException invalid)
        {
            return Fail(parseResult, command, CliErrors.OneLine(invalid), ExitUsage);
        }
        catch (Exception failure) when (failure is IOException or UnauthorizedAccessException)
        {
            return Fail(parseResult, command, failure.Message, ExitFailed);
        }
    }

    public static string Summary(MetadataFileReport report) =>
        string.Create(CultureInfo.InvariantCulture, $"{report.Videos ?? 0} videos, schema version {report.SchemaVersion}, {DataDirectoryCheck.Size(report.SizeBytes)}");
}
