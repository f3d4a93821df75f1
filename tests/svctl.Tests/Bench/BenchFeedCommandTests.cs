using System.Text.Json;
using ShortVideo.Cli.Commands.Bench;
using svctl.Tests.Upload;

namespace svctl.Tests.Bench;

/// <summary>svctl bench feed at a tiny scale: a seeded node driven over loopback HTTP, reporting as one JSON object.</summary>
public sealed class BenchFeedCommandTests
{
    [Theory]
    [InlineData("--users", "0", "--users must be between 1 and 2000000")]
    [InlineData("--videos", "-1", "--videos must be between 1 and 20000000")]
    [InlineData("--concurrency", "0", "--concurrency must be between 1 and 1024")]
    [InlineData("--seconds", "NaN", "--seconds must be between 0.1 and 3600")]
    public async Task Bad_input_is_one_readable_line_and_exit_code_2(string option, string value, string expected)
    {
        var outcome = await CommandRunner.RunAsync(BenchFeedCommand.Create(), "feed", option, value, "--json");

        Assert.Equal(2, outcome.ExitCode);
        Assert.Empty(outcome.Stdout);
        Assert.Equal($"svctl bench feed: {expected}", Assert.Single(outcome.StderrLines));
    }

    [Fact]
    public async Task A_tiny_world_scrolled_with_events_reports_pages_latencies_feed_statistics_and_the_floor_as_one_json_object()
    {
        var outcome = await CommandRunner.RunAsync(
            BenchFeedCommand.Create(), "feed", "--users", "200", "--videos", "2000", "--seconds", "1.5", "--concurrency", "4", "--json");

        Assert.True(outcome.ExitCode == 0, outcome.Stderr);
        using var json = JsonDocument.Parse(Assert.Single(outcome.StdoutLines));
        var root = json.RootElement;
        Assert.Equal(200, root.GetProperty("users").GetInt32());
        Assert.Equal(2000, root.GetProperty("videos").GetInt32());
        foreach (var figure in new[] { "pages", "pagesPerSecond", "p50Ms", "p99Ms", "p999Ms", "events", "eventBatches", "meanRetrievalBatch", "floorRequestsPerSecond", "floorP99Ms", "seedSeconds", "rankingReadySeconds" })
        {
            Assert.True(root.GetProperty(figure).GetDouble() > 0, figure);
        }

        Assert.Equal(0, root.GetProperty("errors").GetInt64());
        Assert.InRange(root.GetProperty("cacheHitRatio").GetDouble(), 0, 1);
    }

    [Fact]
    public async Task With_no_events_the_users_scroll_pages_and_post_no_event()
    {
        var outcome = await CommandRunner.RunAsync(
            BenchFeedCommand.Create(), "feed", "--users", "100", "--videos", "1000", "--seconds", "1", "--concurrency", "2", "--no-events", "--json");

        Assert.True(outcome.ExitCode == 0, outcome.Stderr);
        using var json = JsonDocument.Parse(Assert.Single(outcome.StdoutLines));
        var root = json.RootElement;
        Assert.False(root.GetProperty("postEvents").GetBoolean());
        Assert.True(root.GetProperty("pages").GetInt64() > 0);
        Assert.Equal(0, root.GetProperty("eventBatches").GetInt64());
        Assert.Equal(0, root.GetProperty("events").GetInt64());
    }
}
