using System.CommandLine;
using ShortVideo.Cli.Bench;
using ShortVideo.Ranking.Evaluation;

namespace ShortVideo.Cli.Commands.Bench;

/// <summary><c>svctl bench rank-memory</c>: builds the ranking state for N videos and M users and reports bytes per video and per user.</summary>
internal static class BenchRankMemoryCommand
{
    public static Command Create()
    {
        var videos = new Option<int>("--videos") { Description = "Videos in the synthetic catalog.", DefaultValueFactory = _ => 1_000_000 };
        var users = new Option<int>("--users") { Description = "Users, each with a full watch history.", DefaultValueFactory = _ => 100_000 };
        var dim = new Option<int>("--dim") { Description = "Embedding dimension.", DefaultValueFactory = _ => 64 };
        var fp16 = new Option<bool>("--fp16") { Description = "Store embeddings and retrieval rows as fp16." };
        var json = new Option<bool>("--json") { Description = "Print one JSON object of figures." };

        var command = new Command("rank-memory", "Measure the ranking engine's memory per video and per user (embeddings, retrieval rows, features, histories).");
        foreach (var option in new Option[] { videos, users, dim, fp16, json })
        {
            command.Options.Add(option);
        }

        command.SetAction(async (parseResult, ct) =>
        {
            var output = parseResult.InvocationConfiguration.Output;
            var error = parseResult.InvocationConfiguration.Error;
            var (v, u, d, half) = (parseResult.GetValue(videos), parseResult.GetValue(users), parseResult.GetValue(dim), parseResult.GetValue(fp16));
            var problem = Validate(v, u, d);
            if (problem is not null)
            {
                return BenchInvocation.Fail(error, "rank-memory", problem, BenchInvocation.ExitUsage);
            }

            return await BenchInvocation.RunAsync(
                "rank-memory",
                (status, cancel) => Task.Run(
                    () =>
                    {
                        status($"building {v} videos and {u} users");
                        return MemoryFootprint.Measure(v, u, d, half);
                    },
                    cancel),
                parseResult.GetValue(json),
                BenchJsonContext.Default.MemoryReport,
                BenchRankMemorySummary.Write,
                output,
                error,
                ct);
        });
        return command;
    }

    internal static string? Validate(int videos, int users, int dim) => (videos, users, dim) switch
    {
        ( < 1 or > 20_000_000, _, _) => "--videos must be between 1 and 20000000",
        (_, < 0 or > 20_000_000, _) => "--users must be between 0 and 20000000",
        (_, _, < 1 or > 1024) => "--dim must be between 1 and 1024",
        _ => null,
    };
}
