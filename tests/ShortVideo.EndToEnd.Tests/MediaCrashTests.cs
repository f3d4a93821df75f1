using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using ShortVideo.Testing;

namespace ShortVideo.EndToEnd.Tests;

/// <summary>
/// kill -9 of the node in the middle of a transcode: after a restart the job is leased again and completes,
/// the orphaned ffmpeg of the killed run is reaped, and nothing the killed attempt wrote is ever published.
/// </summary>
public sealed class MediaCrashTests : IDisposable
{
    private readonly TempDirectory _data = new("media-crash");
    private readonly TempDirectory _clips = new("media-crash-clips");

    public void Dispose()
    {
        _data.Dispose();
        _clips.Dispose();
    }

    [Fact]
    public async Task A_transcode_killed_with_the_node_is_leased_again_after_restart_and_completes()
    {
        // Short leases so the restarted node takes the job over within seconds, not a minute.
        var environment = new Dictionary<string, string?>
        {
            ["SV_Media__Worker__LeaseDuration"] = "00:00:03",
            ["SV_Media__Worker__PollInterval"] = "00:00:00.500",
        };
        var clip = await TestClips.VideoAsync(_clips.Path, "long.mp4", 1280, 720, seconds: 12);
        var node = await NodeProcess.StartAsync(_data.Path, environment: environment);
        try
        {
            var token = (await node.TokenAsync("alice")).LastLine;
            string id;
            using (var client = Client(node, token))
            {
                id = await VideoRequests.UploadAsync(client, clip);
                await WaitForTranscodeAsync(TimeSpan.FromSeconds(60));
                await Task.Delay(1000);
                var status = (await client.GetFromJsonAsync<JsonElement>($"api/v1/videos/{id}")).GetProperty("status").GetString();
                Assert.Equal("processing", status);
            }

            // Only the node dies, as with `kill -9 PID`: its ffmpeg child is orphaned and keeps running.
            await node.KillAsync(entireProcessTree: false);
            var orphans = FfmpegUnder(WorkDirectory);
            Assert.NotEmpty(orphans);
            var killedAttempt = Assert.Single(Directory.GetDirectories(Path.Combine(_data.Path, "work")));
            await node.DisposeAsync();

            // The restarted node reaps the orphan at once (it would otherwise run for seconds more) and its files.
            node = await NodeProcess.StartAsync(_data.Path, environment: environment);
            var reapedBy = DateTime.UtcNow + TimeSpan.FromSeconds(2);
            while (orphans.Exists(IsRunningFfmpeg) && DateTime.UtcNow < reapedBy)
            {
                await Task.Delay(50);
            }

            Assert.DoesNotContain(orphans, IsRunningFfmpeg);
            Assert.False(Directory.Exists(killedAttempt), "the killed attempt's work directory is still there");
            using (var client = Client(node, token))
            {
                var video = await VideoRequests.WaitUntilProcessedAsync(client, id, TimeSpan.FromSeconds(150));
                Assert.Equal("ready", video.GetProperty("status").GetString());

                var master = await client.GetStringAsync(video.GetProperty("playback").GetProperty("hls").GetString());
                Assert.Contains("#EXT-X-STREAM-INF", master, StringComparison.Ordinal);
                Assert.Contains("RESOLUTION=1280x720", master, StringComparison.Ordinal);
            }

            // Exactly one published version, and no leftovers of the killed attempt. The attempt that succeeded removes
            // its own work directory just after the video turns ready (its listeners run first), so allow it a moment.
            Assert.Single(Directory.GetDirectories(Path.Combine(_data.Path, "media", id)));
            var cleanedBy = DateTime.UtcNow + TimeSpan.FromSeconds(10);
            while (Directory.GetFileSystemEntries(Path.Combine(_data.Path, "work")).Length > 0 && DateTime.UtcNow < cleanedBy)
            {
                await Task.Delay(50);
            }

            Assert.Empty(Directory.GetFileSystemEntries(Path.Combine(_data.Path, "work")));
        }
        finally
        {
            await node.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_node_restarted_after_kill_9_resumes_its_own_transcode_at_once_instead_of_waiting_out_the_lease()
    {
        // The default one-minute lease: before, the restarted node waited it out before transcoding again.
        var environment = new Dictionary<string, string?> { ["SV_Media__Worker__PollInterval"] = "00:00:00.500" };
        var clip = await TestClips.VideoAsync(_clips.Path, "resume.mp4", 1280, 720, seconds: 12);
        var node = await NodeProcess.StartAsync(_data.Path, environment: environment);
        try
        {
            var token = (await node.TokenAsync("alice")).LastLine;
            string id;
            using (var client = Client(node, token))
            {
                id = await VideoRequests.UploadAsync(client, clip);
                await WaitForTranscodeAsync(TimeSpan.FromSeconds(60));
            }

            await node.KillAsync(entireProcessTree: true);
            await node.DisposeAsync();

            var restarted = DateTime.UtcNow;
            node = await NodeProcess.StartAsync(_data.Path, environment: environment);
            await WaitForTranscodeAsync(TimeSpan.FromSeconds(40));
            var resumedAfter = DateTime.UtcNow - restarted;
            Assert.True(resumedAfter < TimeSpan.FromSeconds(30), $"the transcode resumed {resumedAfter.TotalSeconds:F1} s after the restart; the lease is 60 s");

            using var again = Client(node, token);
            var video = await VideoRequests.WaitUntilProcessedAsync(again, id, TimeSpan.FromSeconds(150));
            Assert.Equal("ready", video.GetProperty("status").GetString());
        }
        finally
        {
            await node.DisposeAsync();
        }
    }

    // The transcode's ffmpeg writes under the work directory (the fingerprinting ffmpeg before it only reads the blob).
    private string WorkDirectory => Path.Combine(_data.Path, "work") + "/";

    private async Task WaitForTranscodeAsync(TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (FfmpegUnder(WorkDirectory).Count == 0)
        {
            Assert.True(DateTime.UtcNow < deadline, "no transcode started for the upload");
            await Task.Delay(100);
        }
    }

    /// <summary>ffmpeg processes whose command line writes under <paramref name="root"/>.</summary>
    private static List<int> FfmpegUnder(string root)
    {
        var found = new List<int>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(directory), out var pid) && IsFfmpeg(pid) && CommandLine(pid).Contains(root, StringComparison.Ordinal))
            {
                found.Add(pid);
            }
        }

        return found;
    }

    private static bool IsRunningFfmpeg(int pid) => Directory.Exists($"/proc/{pid}") && IsFfmpeg(pid);

    private static bool IsFfmpeg(int pid) => Path.GetFileName(CommandLine(pid).Split(' ', 2)[0]) == "ffmpeg";

    private static string CommandLine(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/cmdline").Replace('\0', ' ');
        }
        catch (IOException)
        {
            return string.Empty;
        }
    }

    private static HttpClient Client(NodeProcess node, string token)
    {
        var client = new HttpClient { BaseAddress = node.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }
}
