using System.Diagnostics;
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
    public async Task Seeded_videos_play_one_shared_clip_that_ffprobe_reads_and_deleting_one_keeps_the_media_of_the_others()
    {
        var seeded = await SvctlProcess.RunAsync(["seed", "--data", DataDir, "--users", "40", "--videos", "100", "--json"], timeout: TimeSpan.FromMinutes(4));
        Assert.True(seeded.ExitCode == 0, seeded.Stderr);
        var report = JsonDocument.Parse(seeded.Stdout).RootElement;
        Assert.StartsWith("every seeded video plays one shared", report.GetProperty("playback").GetString(), StringComparison.Ordinal);
        var world = new SyntheticWorld(40, 100, 1, DateTimeOffset.UtcNow);
        await using var node = await InProcessNode.StartAsync(dataDir: DataDir);
        using var viewer = node.Client(SyntheticWorld.UserId(1));
        using var player = new HttpClient();

        var (master, segment) = await PlaybackAsync(viewer, player, world.Video(3).Id);
        var other = await PlaybackAsync(viewer, player, world.Video(4).Id);

        Assert.Equal(HttpStatusCode.OK, (await player.GetAsync(master)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await player.GetAsync(segment)).StatusCode);
        var probe = await ProbeAsync(master);
        Assert.True(probe.ExitCode == 0, probe.Output);
        Assert.Contains("video", probe.Output, StringComparison.Ordinal);

        // The creator deletes one seeded video: its own URLs go, the media every other seeded video plays stays.
        using var creator = node.Client(world.Video(3).CreatorId);
        Assert.Equal(HttpStatusCode.NoContent, (await creator.DeleteAsync($"api/v1/videos/{world.Video(3).Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await player.GetAsync(master)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await player.GetAsync(other.Master)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await player.GetAsync(other.Segment)).StatusCode);

        // Even the private video the clip was uploaded as may go: the media stays while seeded videos use it.
        using var top = node.Client(SyntheticWorld.UserId(0));
        Assert.Equal(HttpStatusCode.NoContent, (await top.DeleteAsync($"api/v1/videos/{report.GetProperty("mediaSourceId").GetString()}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await player.GetAsync(other.Segment)).StatusCode);
    }

    [Fact]
    public async Task Without_ffmpeg_seed_still_writes_the_world_and_says_in_one_line_that_seeded_videos_have_no_media()
    {
        // PATH with dotnet and without ffmpeg: the folder of the real dotnet executable.
        var dotnet = new FileInfo(ExecutableOnPath("dotnet")).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? ExecutableOnPath("dotnet");
        var path = Path.GetDirectoryName(dotnet)!;
        Assert.False(File.Exists(Path.Combine(path, "ffmpeg")), $"{path} has ffmpeg: this test cannot hide it");

        var seeded = await SvctlProcess.RunAsync(["seed", "--data", DataDir, "--users", "20", "--videos", "30"], new Dictionary<string, string?> { ["PATH"] = path });

        Assert.True(seeded.ExitCode == 0, seeded.Stderr);
        Assert.Single(seeded.Stdout.TrimEnd().Split('\n'));
        Assert.Contains("seeded videos have no media: ffmpeg", seeded.Stdout, StringComparison.Ordinal);
        Assert.Equal(30, SqliteMetadataFile.CheckDataDirectory(DataDir).Videos);
        await using var node = await InProcessNode.StartAsync(o => o["Node:Roles"] = "api", DataDir);
        using var viewer = node.Client(SyntheticWorld.UserId(1));
        var video = await viewer.GetFromJsonAsync<JsonElement>($"api/v1/videos/{SyntheticWorld.VideoId(0)}");
        Assert.Equal(JsonValueKind.Null, video.GetProperty("playback").GetProperty("hls").ValueKind);
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

        // Ten seeded rows, and the private video whose media they play where ffmpeg made one.
        var videos = SqliteMetadataFile.CheckDataDirectory(DataDir).Videos;
        Assert.Equal(2, exitCode);
        Assert.Contains($"already has {videos} videos", error, StringComparison.Ordinal);
        Assert.Equal(videos, SqliteMetadataFile.CheckDataDirectory(DataDir).Videos);
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

    /// <summary>A seeded video's master playlist and the first segment of its first rendition, as a player finds them.</summary>
    private static async Task<(string Master, string Segment)> PlaybackAsync(HttpClient viewer, HttpClient player, string videoId)
    {
        var video = await viewer.GetFromJsonAsync<JsonElement>($"api/v1/videos/{videoId}");
        var master = new Uri(video.GetProperty("playback").GetProperty("hls").GetString()!);
        var rendition = new Uri(master, (await player.GetStringAsync(master)).Split('\n').First(line => line.EndsWith(".m3u8", StringComparison.Ordinal)));
        var segment = new Uri(rendition, (await player.GetStringAsync(rendition)).Split('\n').First(line => line.EndsWith(".m4s", StringComparison.Ordinal)));
        return (master.AbsoluteUri, segment.AbsoluteUri);
    }

    private static async Task<(int ExitCode, string Output)> ProbeAsync(string url)
    {
        var start = new ProcessStartInfo("ffprobe") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in (string[])["-v", "error", "-show_entries", "stream=codec_type", "-of", "csv=p=0", url])
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output + await error);
    }

    private static string ExecutableOnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator)
            .Select(directory => Path.Combine(directory, name))
            .First(File.Exists);

    private static List<string> VideoIds(JsonElement page) =>
        [.. page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("video").GetProperty("id").GetString()!)];
}
