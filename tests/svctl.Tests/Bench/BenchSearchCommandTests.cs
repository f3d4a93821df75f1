using System.Text.Json;
using ShortVideo.Cli.Bench;
using ShortVideo.Cli.Commands.Bench;
using ShortVideo.Search;
using svctl.Tests.Upload;

namespace svctl.Tests.Bench;

public sealed class BenchSearchCommandTests
{
    [Theory]
    [InlineData("--captions", "0", "--captions must be between 1 and 20000000")]
    [InlineData("--vocabulary", "10", "--vocabulary must be between 100 and 1000000")]
    [InlineData("--threads", "0", "--threads must be between 1 and 256")]
    [InlineData("--seconds", "0", "--seconds must be between 0.01 and 3600")]
    [InlineData("--seconds", "NaN", "--seconds must be between 0.01 and 3600")]
    public async Task Bad_input_is_one_readable_line_and_exit_code_2(string option, string value, string expected)
    {
        var outcome = await CommandRunner.RunAsync(BenchSearchCommand.Create(), "search", option, value, "--json");

        Assert.Equal(2, outcome.ExitCode);
        Assert.Empty(outcome.Stdout);
        Assert.Equal($"svctl bench search: {expected}", Assert.Single(outcome.StderrLines));
    }

    [Fact]
    public async Task A_small_corpus_reports_latencies_throughput_and_the_baseline_of_the_same_run_as_one_json_object()
    {
        var outcome = await CommandRunner.RunAsync(
            BenchSearchCommand.Create(), "search", "--captions", "3000", "--vocabulary", "2000", "--threads", "2", "--seconds", "0.5", "--json");

        Assert.True(outcome.ExitCode == 0, outcome.Stderr);
        Assert.Empty(outcome.Stderr);
        using var json = JsonDocument.Parse(Assert.Single(outcome.StdoutLines));
        var root = json.RootElement;
        Assert.Equal(3000, root.GetProperty("captions").GetInt32());
        Assert.Equal(2, root.GetProperty("threads").GetInt32());
        foreach (var figure in new[] { "queriesPerSecond", "p50Ms", "p99Ms", "p999Ms", "baselineQueriesPerSecond", "baselineP99Ms", "p99Ratio", "throughputRatio", "meanResults", "buildSeconds" })
        {
            Assert.True(root.GetProperty(figure).GetDouble() > 0, figure);
        }

        Assert.True(root.GetProperty("p50Ms").GetDouble() <= root.GetProperty("p99Ms").GetDouble());
        Assert.True(root.GetProperty("p99Ms").GetDouble() <= root.GetProperty("p999Ms").GetDouble());
        Assert.Equal(["hashtag", "prefix", "typo", "user", "words"], root.GetProperty("p99MsByKind").EnumerateObject().Select(p => p.Name).Order());
        Assert.True(root.GetProperty("databaseBytes").GetInt64() > 0);
    }

    [Fact]
    public async Task The_table_names_the_target_and_the_baseline()
    {
        var outcome = await CommandRunner.RunAsync(BenchSearchCommand.Create(), "search", "--captions", "500", "--vocabulary", "500", "--seconds", "0.1");

        Assert.True(outcome.ExitCode == 0, outcome.Stderr);
        Assert.Contains("p99 ms (target <= 20)", outcome.Stdout, StringComparison.Ordinal);
        Assert.Contains("baseline", outcome.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_query_the_workload_makes_is_one_the_index_accepts_and_the_kinds_come_in_the_planned_mix()
    {
        var corpus = new SearchCorpus(2000, 200, 100, seed: 7);
        var random = new Random(7);
        var kinds = new Dictionary<SearchQueryKind, int>();
        for (var i = 0; i < 10_000; i++)
        {
            var (kind, text) = SearchWorkload.Next(corpus, random);
            Assert.True(SearchQuery.TryParse(text, out var query, out _), text);
            Assert.False(query.IsEmpty, text);
            kinds[kind] = kinds.GetValueOrDefault(kind) + 1;
        }

        Assert.InRange(kinds[SearchQueryKind.Words], 2700, 3300);
        Assert.InRange(kinds[SearchQueryKind.Prefix], 2700, 3300);
        Assert.InRange(kinds[SearchQueryKind.Typo], 1700, 2300);
        Assert.InRange(kinds[SearchQueryKind.Hashtag], 800, 1200);
        Assert.InRange(kinds[SearchQueryKind.User], 800, 1200);
    }
}
