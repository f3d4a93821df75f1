using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ShortVideo.Cli.Commands;
using ShortVideo.Cli.Seed;
using ShortVideo.Storage.Sqlite;
using ShortVideo.Testing;
using svctl.Tests.Commands;

namespace svctl.Tests.Seed;

/// <summary>svctl seed: a synthetic world written offline that a node started on it serves through its API at once.</summary>
public sealed class SeedCommandTests : IDisposable
{
    private const int Users = 300;
    private const int Videos = 3000;

    private readonly TempDirectory _dir = new("seed");

    public void Dispose() => _dir.Dispose();

    private string DataDir => _dir.Combine("data");

    [Fact]
    public async Task A_seeded_data_dir_serves_its_videos_in_for_you_search_following_and_profile_counts()
    {
        var (exitCode, output, error) = await CommandRunner.RunAsync(SeedCommand.Create(), "--data", DataDir, "--users", $"{Users}", "--videos", $"{Videos}", "--json");
        Assert.True(exitCode == 0, error);
        var report = JsonDocument.Parse(output).RootElement;
        Assert.Equal(Users, report.GetProperty("users").GetInt32());
        Assert.Equal(Videos, report.GetProperty("videos").GetInt32());
        Assert.True(report.GetProperty("follows").GetInt32() > Users, output);

        var world = new SyntheticWorld(Users, Videos, 1, DateTimeOffset.UtcNow);
        await using var node = await InProcessNode.StartAsync(dataDir: DataDir);

        // For You: a viewer who posts nothing gets seeded videos.
        using var viewer = node.Client(SyntheticWorld.UserId(1));
        var forYou = await viewer.GetFromJsonAsync<JsonElement>("api/v1/feed/for-you");
        var served = VideoIds(forYou);
        Assert.NotEmpty(served);
        Assert.All(served, id => Assert.StartsWith("seed", id, StringComparison.Ordinal));

        // Search: the first word of a seeded caption finds seeded videos.
        var word = world.Video(Videos - 1).Caption.Split(' ')[0];
        var found = await viewer.GetFromJsonAsync<JsonElement>($"api/v1/search?type=videos&q={word}");
        Assert.Contains(VideoIds(found), id => id.StartsWith("seed", StringComparison.Ordinal));

        // Following: a seeded follow of the most popular creator brings their newest video.
        var fan = Enumerable.Range(1, Users - 1).First(u => world.FollowedCreators(u).Contains(0));
        var newestOfTop = Enumerable.Range(0, Videos).Reverse().Select(world.Video).First(v => v.CreatorId == SyntheticWorld.UserId(0)).Id;
        using var fanClient = node.Client(SyntheticWorld.UserId(fan));
        var following = VideoIds(await fanClient.GetFromJsonAsync<JsonElement>("api/v1/feed/following?limit=50"));
        Assert.Contains(newestOfTop, following);

        // Profiles: the follower count is the seeded follows of that creator, exactly.
        var followers = Enumerable.Range(0, Users).Count(u => world.FollowedCreators(u).Contains(0));
        var profile = await viewer.GetFromJsonAsync<JsonElement>($"api/v1/users/{SyntheticWorld.UserId(0)}");
        Assert.Equal(followers, profile.GetProperty("followerCount").GetInt64());
        Assert.Equal(world.FollowedCreators(fan).Count(), (await viewer.GetFromJsonAsync<JsonElement>($"api/v1/users/{SyntheticWorld.UserId(fan)}")).GetProperty("followingCount").GetInt64());
    }

    [Fact]
    public async Task Seed_is_refused_with_one_line_while_a_node_runs_on_the_data_dir_and_writes_nothing()
    {
        Directory.CreateDirectory(DataDir);
        await using var node = await InProcessNode.StartAsync(o => o["Node:Roles"] = "api", DataDir);

        var (exitCode, output, error) = await CommandRunner.RunAsync(SeedCommand.Create(), "--data", DataDir, "--users", "10", "--videos", "10");

        Assert.Equal(1, exitCode);
        Assert.Equal(string.Empty, output);
        Assert.Single(error.TrimEnd().Split('\n'));
        Assert.Contains("a node is running on", error, StringComparison.Ordinal);
        using var client = node.Client("alice");
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"api/v1/videos/{SyntheticWorld.VideoId(0)}")).StatusCode);
    }

    [Fact]
    public async Task Seed_is_refused_on_a_data_dir_that_already_has_videos()
    {
        Assert.Equal(0, (await CommandRunner.RunAsync(SeedCommand.Create(), "--data", DataDir, "--users", "10", "--videos", "10")).ExitCode);

        var (exitCode, _, error) = await CommandRunner.RunAsync(SeedCommand.Create(), "--data", DataDir, "--users", "10", "--videos", "20");

        Assert.Equal(2, exitCode);
        Assert.Contains("already has 10 videos", error, StringComparison.Ordinal);
        Assert.Equal(10, SqliteMetadataFile.CheckDataDirectory(DataDir).Videos);
    }

    [Theory]
    [InlineData("--users", "0", "--users must be between")]
    [InlineData("--videos", "-1", "--videos must be between")]
    [InlineData("--users", "99999999", "--users must be between")]
    [InlineData("--videos", "2000000000", "--videos must be between")]
    public async Task Bad_sizes_are_refused_with_exit_2_and_one_line_and_create_no_database(string option, string value, string message)
    {
        var (exitCode, output, error) = await CommandRunner.RunAsync(SeedCommand.Create(), "--data", DataDir, option, value);

        Assert.Equal(2, exitCode);
        Assert.Equal(string.Empty, output);
        Assert.StartsWith($"svctl seed: {message}", error, StringComparison.Ordinal);
        Assert.Single(error.TrimEnd().Split('\n'));
        Assert.False(File.Exists(SqliteMetadataFile.PathIn(DataDir)));
    }

    private static List<string> VideoIds(JsonElement page) =>
        [.. page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("video").GetProperty("id").GetString()!)];
}
