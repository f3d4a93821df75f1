using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using ShortVideo.Cli.Doctor.Checks;
using ShortVideo.Cli.Seed;
using static ShortVideo.Cli.Commands.MetadataCommands;

namespace ShortVideo.Cli.Commands;

/// <summary><c>svctl seed --users N --videos N [--data DIR] [--seed S] [--json]</c>: a synthetic world for demos and benchmarks.</summary>
internal static class SeedCommand
{
    private const string Name = "seed";

    public static Command Create()
    {
        var data = DataOption();
        var users = new Option<int>("--users") { Description = "Users to create (one in twenty posts videos).", DefaultValueFactory = _ => 1000 };
        var videos = new Option<int>("--videos") { Description = "Ready public videos to create; all play one short clip encoded once (no media without ffmpeg).", DefaultValueFactory = _ => 10_000 };
        var seed = new Option<int>("--seed") { Description = "Random seed: the same seed gives the same world.", DefaultValueFactory = _ => 1 };
        var json = new Option<bool>("--json") { Description = "Print one JSON object of what was written." };
        var command = new Command(Name, "Fill an empty data directory (no node running on it) with synthetic users, creators, videos and follows for demos and benchmarks.");
        command.Options.Add(data);
        command.Options.Add(users);
        command.Options.Add(videos);
        command.Options.Add(seed);
        command.Options.Add(json);
        command.SetAction(async (parseResult, ct) =>
        {
            var settings = new SeedSettings { Users = parseResult.GetValue(users), Videos = parseResult.GetValue(videos), Seed = parseResult.GetValue(seed) };
            if (settings.Problem() is { } problem)
            {
                return Fail(parseResult, Name, problem, ExitUsage);
            }

            var asJson = parseResult.GetValue(json);
            var error = parseResult.InvocationConfiguration.Error;
            try
            {
                var report = await SeedRun.RunAsync(DataDirectory(parseResult, data), settings, asJson ? static _ => { } : error.WriteLine, ct);
                parseResult.InvocationConfiguration.Output.WriteLine(asJson ? JsonSerializer.Serialize(report, SeedJsonContext.Default.SeedReport) : Summary(report));
                return ExitCodes.Ok;
            }
            catch (SeedRefusedException refused)
            {
                return Fail(parseResult, Name, refused.Message, refused.ExitCode);
            }
            catch (Exception failure) when (failure is IOException or UnauthorizedAccessException)
            {
                return Fail(parseResult, Name, failure.Message, ExitFailed);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return Fail(parseResult, Name, "interrupted; the data directory holds what was written so far", ExitCodes.Interrupted);
            }
        });
        return command;
    }

    private static string Summary(SeedReport report) => string.Create(
        CultureInfo.InvariantCulture,
        $"Seeded {report.DataDirectory}: {report.Users} users ({report.Creators} creators), {report.Videos} videos, {report.Follows} follows in {report.Seconds:0.##} s; database {DataDirectoryCheck.Size(report.DatabaseBytes)}. Note: {report.Playback}.");
}
