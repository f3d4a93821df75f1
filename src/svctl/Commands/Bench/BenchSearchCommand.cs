using System.CommandLine;
using ShortVideo.Cli.Bench;

namespace ShortVideo.Cli.Commands.Bench;

internal static class BenchSearchCommand
{
    private const int MaxCaptions = 20_000_000;

    public static Command Create()
    {
        var captions = new Option<int>("--captions") { Description = "Synthetic captions indexed.", DefaultValueFactory = _ => 1_000_000 };
        var vocabulary = new Option<int>("--vocabulary") { Description = "Distinct words of the synthetic vocabulary (drawn Zipf-like).", DefaultValueFactory = _ => 50_000 };
        var threads = new Option<int>("--threads") { Description = "Threads querying at once.", DefaultValueFactory = _ => Environment.ProcessorCount };
        var seconds = new Option<double>("--seconds") { Description = "Seconds of each timed phase (mixed queries, then the baseline).", DefaultValueFactory = _ => 10 };
        var json = new Option<bool>("--json") { Description = "Print one JSON object of figures." };

        var command = new Command("search", "Index synthetic captions in the node's search index, then time mixed queries (words, prefixes, typos, hashtags, users) against a plain one-word FTS5 MATCH.");
        command.Options.Add(captions);
        command.Options.Add(vocabulary);
        command.Options.Add(threads);
        command.Options.Add(seconds);
        command.Options.Add(json);
        command.SetAction(async (parseResult, ct) =>
        {
            var settings = new BenchSearchSettings
            {
                Captions = parseResult.GetValue(captions),
                Vocabulary = parseResult.GetValue(vocabulary),
                Threads = parseResult.GetValue(threads),
                Seconds = parseResult.GetValue(seconds),
            };
            if (Validate(settings) is { } problem)
            {
                return BenchInvocation.Fail(parseResult.InvocationConfiguration.Error, "search", problem, BenchInvocation.ExitUsage);
            }

            return await BenchInvocation.RunAsync(
                "search",
                (status, cancel) => BenchSearchRun.RunAsync(settings, status, cancel),
                parseResult.GetValue(json),
                BenchJsonContext.Default.BenchSearchReport,
                BenchSearchSummary.Write,
                parseResult.InvocationConfiguration.Output,
                parseResult.InvocationConfiguration.Error,
                ct);
        });
        return command;
    }

    internal static string? Validate(BenchSearchSettings settings) => settings switch
    {
        { Captions: < 1 or > MaxCaptions } => $"--captions must be between 1 and {MaxCaptions}",
        { Vocabulary: < 100 or > 1_000_000 } => "--vocabulary must be between 100 and 1000000",
        { Threads: < 1 or > 256 } => "--threads must be between 1 and 256",
        { Seconds: var s } when !(s >= 0.01 && s <= 3600) => "--seconds must be between 0.01 and 3600",
        _ => null,
    };
}
