using System.CommandLine;
using ShortVideo.Cli.Bench;
using ShortVideo.Cli.Seed;

namespace ShortVideo.Cli.Commands.Bench;

internal static class BenchFeedCommand
{
    public static Command Create()
    {
        var users = new Option<int>("--users") { Description = "Users seeded (and scrolling, drawn Zipf-like).", DefaultValueFactory = _ => 100_000 };
        var videos = new Option<int>("--videos") { Description = "Videos seeded.", DefaultValueFactory = _ => 1_000_000 };
        var seconds = new Option<double>("--seconds") { Description = "Seconds of the timed scrolling.", DefaultValueFactory = _ => 30 };
        var concurrency = new Option<int>("--concurrency") { Description = "Users scrolling at once.", DefaultValueFactory = _ => 32 };
        var noEvents = new Option<bool>("--no-events") { Description = "Scroll without posting events, to measure the pages' own cost apart from the event stream." };
        var json = new Option<bool>("--json") { Description = "Print one JSON object of figures." };

        var command = new Command("feed", "Seed a world in a temp dir, start a node on it, and drive For You over loopback HTTP (users scrolling pages while posting events); GET /api/v1/me as the floor.");
        command.Options.Add(users);
        command.Options.Add(videos);
        command.Options.Add(seconds);
        command.Options.Add(concurrency);
        command.Options.Add(noEvents);
        command.Options.Add(json);
        command.SetAction(async (parseResult, ct) =>
        {
            var settings = new BenchFeedSettings
            {
                Users = parseResult.GetValue(users),
                Videos = parseResult.GetValue(videos),
                Seconds = parseResult.GetValue(seconds),
                Concurrency = parseResult.GetValue(concurrency),
                PostEvents = !parseResult.GetValue(noEvents),
            };
            if (Validate(settings) is { } problem)
            {
                return BenchInvocation.Fail(parseResult.InvocationConfiguration.Error, "feed", problem, BenchInvocation.ExitUsage);
            }

            return await BenchInvocation.RunAsync(
                "feed",
                (status, cancel) => BenchFeedRun.RunAsync(settings, status, cancel),
                parseResult.GetValue(json),
                BenchJsonContext.Default.BenchFeedReport,
                BenchFeedSummary.Write,
                parseResult.InvocationConfiguration.Output,
                parseResult.InvocationConfiguration.Error,
                ct);
        });
        return command;
    }

    internal static string? Validate(BenchFeedSettings settings) =>
        new SeedSettings { Users = settings.Users, Videos = settings.Videos }.Problem() ?? settings switch
        {
            { Concurrency: < 1 or > 1024 } => "--concurrency must be between 1 and 1024",
            { Seconds: var s } when !(s >= 0.1 && s <= 3600) => "--seconds must be between 0.1 and 3600",
            _ => null,
        };
}
