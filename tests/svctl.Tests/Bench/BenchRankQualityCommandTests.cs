using System.Text.Json;
using ShortVideo.Cli.Commands.Bench;
using svctl.Tests.Upload;

namespace svctl.Tests.Bench;

public sealed class BenchRankQualityCommandTests
{
    [Theory]
    [InlineData("--events", "-1", "--events must be between 0 and 100000000")]
    [InlineData("--users", "0", "--users must be between 1 and 1000000")]
    [InlineData("--videos", "0", "--videos must be between 1 and 1000000")]
    [InlineData("--dim", "0", "--dim must be between 1 and 1024")]
    [InlineData("--eval-users", "0", "--eval-users must be at least 1")]
    public async Task Bad_input_is_one_readable_line_and_exit_code_2(string option, string value, string expected)
    {
        var outcome = await CommandRunner.RunAsync(BenchRankQualityCommand.Create(), "rank-quality", option, value, "--json");

        Assert.Equal(2, outcome.ExitCode);
        Assert.Empty(outcome.Stdout);
        Assert.Equal($"svctl bench rank-quality: {expected}", Assert.Single(outcome.StderrLines));
    }

    [Fact]
    public async Task A_small_world_reports_learner_popularity_and_oracle_figures_as_one_json_object()
    {
        var outcome = await CommandRunner.RunAsync(
            BenchRankQualityCommand.Create(), "rank-quality", "--events", "15000", "--users", "200", "--videos", "500", "--dim", "32", "--eval-users", "100", "--json");

        Assert.True(outcome.ExitCode == 0, outcome.Stderr);
        using var json = JsonDocument.Parse(Assert.Single(outcome.StdoutLines));
        var root = json.RootElement;
        var recall = root.GetProperty("recallAt50").GetDouble();
        var popular = root.GetProperty("popularityRecallAt50").GetDouble();
        Assert.Equal(1, root.GetProperty("oracleRecallAt50").GetDouble());
        Assert.InRange(root.GetProperty("ndcgAt10").GetDouble(), 0.01, 1);
        Assert.True(recall > popular, $"learner {recall} vs popularity {popular}");
        Assert.Equal(recall / popular, root.GetProperty("recallRatioToPopularity").GetDouble(), 6);
        Assert.True(root.GetProperty("events").GetInt32() >= 15000);
        Assert.Equal(100, root.GetProperty("evaluatedUsers").GetInt32());
    }

    [Fact]
    public async Task No_logq_trains_without_the_correction_and_so_learns_something_else()
    {
        string[] args = ["rank-quality", "--events", "6000", "--users", "100", "--videos", "300", "--dim", "16", "--eval-users", "60", "--json"];
        var with = await CommandRunner.RunAsync(BenchRankQualityCommand.Create(), args);
        var without = await CommandRunner.RunAsync(BenchRankQualityCommand.Create(), [.. args, "--no-logq"]);

        Assert.True(with.ExitCode == 0 && without.ExitCode == 0, with.Stderr + without.Stderr);
        using var a = JsonDocument.Parse(Assert.Single(with.StdoutLines));
        using var b = JsonDocument.Parse(Assert.Single(without.StdoutLines));
        Assert.NotEqual(a.RootElement.GetProperty("lastLoss").GetDouble(), b.RootElement.GetProperty("lastLoss").GetDouble());
        Assert.Equal(a.RootElement.GetProperty("popularityRecallAt50").GetDouble(), b.RootElement.GetProperty("popularityRecallAt50").GetDouble());
    }

    [Fact]
    public async Task Without_json_it_prints_a_table_and_the_ratio_to_the_target()
    {
        var outcome = await CommandRunner.RunAsync(
            BenchRankQualityCommand.Create(), "rank-quality", "--events", "3000", "--users", "50", "--videos", "100", "--dim", "8", "--eval-users", "20");

        Assert.True(outcome.ExitCode == 0, outcome.Stderr);
        Assert.Contains("online two-tower learner", outcome.Stdout, StringComparison.Ordinal);
        Assert.Contains("(target >= 3)", outcome.Stdout, StringComparison.Ordinal);
    }
}

// The footprint is measured as the process's live heap, so another test allocating at the same time would be counted
// as the catalog's: this class runs alone.
[CollectionDefinition(nameof(BenchRankMemoryCommandTests), DisableParallelization = true)]
[Collection(nameof(BenchRankMemoryCommandTests))]
public sealed class BenchRankMemoryCommandTests
{
    [Theory]
    [InlineData("--videos", "0", "--videos must be between 1 and 20000000")]
    [InlineData("--users", "-1", "--users must be between 0 and 20000000")]
    [InlineData("--dim", "2000", "--dim must be between 1 and 1024")]
    public async Task Bad_input_is_one_readable_line_and_exit_code_2(string option, string value, string expected)
    {
        var outcome = await CommandRunner.RunAsync(BenchRankMemoryCommand.Create(), "rank-memory", option, value, "--json");

        Assert.Equal(2, outcome.ExitCode);
        Assert.Equal($"svctl bench rank-memory: {expected}", Assert.Single(outcome.StderrLines));
    }

    [Fact]
    public async Task A_small_catalog_reports_bytes_per_video_and_per_user()
    {
        var outcome = await CommandRunner.RunAsync(BenchRankMemoryCommand.Create(), "rank-memory", "--videos", "20000", "--users", "2000", "--dim", "32", "--json");

        Assert.True(outcome.ExitCode == 0, outcome.Stderr);
        using var json = JsonDocument.Parse(Assert.Single(outcome.StdoutLines));
        var root = json.RootElement;
        // 64-value rows (32 padded to a multiple of 16 stays 32: 128 bytes) plus the last segment's unused tail.
        Assert.InRange(root.GetProperty("retrievalBytesPerVideo").GetDouble(), 128, 160);
        Assert.InRange(root.GetProperty("bytesPerVideo").GetDouble(), 128 + 128, 2_000);
        Assert.InRange(root.GetProperty("bytesPerUser").GetDouble(), 128 + 160, 2_000);
        Assert.Equal(root.GetProperty("bytesPerVideo").GetDouble() * 1e6 / (1L << 30), root.GetProperty("gibPerMillionVideos").GetDouble(), 6);
    }
}
