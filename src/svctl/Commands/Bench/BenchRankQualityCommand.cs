using System.CommandLine;
using ShortVideo.Cli.Bench;
using ShortVideo.Ranking.Evaluation;
using ShortVideo.Ranking.Learning;

namespace ShortVideo.Cli.Commands.Bench;

/// <summary>
/// <c>svctl bench rank-quality</c>: runs the online learner through a seeded simulated world and reports recall@50
/// and NDCG@10 next to the popularity baseline and the oracle.
/// </summary>
internal static class BenchRankQualityCommand
{
    public static Command Create()
    {
        var events = new Option<int>("--events") { Description = "Interaction events fed to the learner.", DefaultValueFactory = _ => 200_000 };
        var users = new Option<int>("--users") { Description = "Simulated users.", DefaultValueFactory = _ => 2_000 };
        var videos = new Option<int>("--videos") { Description = "Simulated videos (60% at the start, the rest arriving over the run).", DefaultValueFactory = _ => 5_000 };
        var dim = new Option<int>("--dim") { Description = "Embedding dimension.", DefaultValueFactory = _ => 64 };
        var seed = new Option<int>("--seed") { Description = "Seed of the world and the learner: same seed, same figures.", DefaultValueFactory = _ => 42 };
        var evaluate = new Option<int>("--eval-users") { Description = "Users whose recommendations are scored.", DefaultValueFactory = _ => 500 };
        var noLogQ = new Option<bool>("--no-logq") { Description = "Train without the logQ popularity correction (for comparison)." };
        var json = new Option<bool>("--json") { Description = "Print one JSON object of figures." };

        var command = new Command("rank-quality", "Train the online two-tower learner on a simulated world; report recall@50 and NDCG@10 against popularity and the oracle.");
        foreach (var option in new Option[] { events, users, videos, dim, seed, evaluate, noLogQ, json })
        {
            command.Options.Add(option);
        }

        command.SetAction(async (parseResult, ct) =>
        {
            var output = parseResult.InvocationConfiguration.Output;
            var error = parseResult.InvocationConfiguration.Error;
            var options = new SimulationOptions
            {
                Events = parseResult.GetValue(events),
                Users = parseResult.GetValue(users),
                Videos = parseResult.GetValue(videos),
                Dimension = parseResult.GetValue(dim),
                Seed = parseResult.GetValue(seed),
                EvaluationUsers = parseResult.GetValue(evaluate),
            };

            var learner = new LearnerOptions { LogQCorrection = !parseResult.GetValue(noLogQ) };
            var problem = Validate(options);
            if (problem is not null)
            {
                return BenchInvocation.Fail(error, "rank-quality", problem, BenchInvocation.ExitUsage);
            }

            return await BenchInvocation.RunAsync(
                "rank-quality",
                (status, cancel) => Task.Run(
                    () =>
                    {
                        status($"training on {options.Events} simulated events");
                        return QualityEvaluator.Run(options, learner, cancellationToken: cancel);
                    },
                    cancel),
                parseResult.GetValue(json),
                BenchJsonContext.Default.QualityReport,
                BenchRankQualitySummary.Write,
                output,
                error,
                ct);
        });
        return command;
    }

    internal static string? Validate(SimulationOptions options) => options switch
    {
        { Events: < 0 or > 100_000_000 } => "--events must be between 0 and 100000000",
        { Users: < 1 or > 1_000_000 } => "--users must be between 1 and 1000000",
        { Videos: < 1 or > 1_000_000 } => "--videos must be between 1 and 1000000",
        { Dimension: < 1 or > 1024 } => "--dim must be between 1 and 1024",
        { EvaluationUsers: < 1 } => "--eval-users must be at least 1",
        _ => null,
    };
}
