using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using ShortVideo.Testing;

namespace ShortVideo.EndToEnd.Tests;

/// <summary>The svctl CLI against a node it did not start: token, upload, resume after kill -9 of the client.</summary>
public sealed class SvctlUploadTests : IAsyncLifetime
{
    private readonly TempDirectory _dir = new("svctl-upload");
    private NodeProcess _node = null!;
    private string _token = null!;

    public async Task InitializeAsync()
    {
        _node = await NodeProcess.StartAsync(_dir.Combine("data"));
        var token = await _node.TokenAsync("alice");
        Assert.Equal(0, token.ExitCode);
        _token = token.LastLine;
    }

    public async Task DisposeAsync()
    {
        await _node.DisposeAsync();
        _dir.Dispose();
    }

    [Fact]
    public async Task Svctl_upload_prints_the_video_id_and_the_server_stored_the_same_sha256()
    {
        var (file, sha256) = WriteFile("clip.mp4", 6 * 1024 * 1024 + 3, seed: 51);
        var result = await SvctlProcess.RunAsync(["upload", file, "--server", _node.BaseAddress.ToString(), "--token", _token, "--caption", "hello", "--chunk-size", "1MiB"], StateHome());
        Assert.True(result.ExitCode == 0, result.Stderr);

        var videoId = result.LastLine;
        var video = await GetVideoAsync(videoId);
        Assert.Equal(sha256, video.GetProperty("sha256").GetString());
        Assert.Equal("hello", video.GetProperty("caption").GetString());
        Assert.Equal("clip.mp4", video.GetProperty("fileName").GetString());
    }

    [Fact]
    public async Task Svctl_upload_killed_mid_way_resumes_on_the_next_run_and_hashes_match()
    {
        var (file, sha256) = WriteFile("big.mp4", 160 * 1024 * 1024, seed: 52);
        var state = StateHome();
        var arguments = new[] { "upload", file, "--server", _node.BaseAddress.ToString(), "--token", _token, "--chunk-size", "256KiB", "--json" };

        using (var first = Process.Start(SvctlProcess.StartInfo(arguments, state))!)
        {
            first.StandardInput.Close();
            _ = first.StandardOutput.ReadToEndAsync();
            _ = first.StandardError.ReadToEndAsync();
            var stateDir = Path.Combine(state["XDG_STATE_HOME"]!, "svctl", "uploads");
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
            while (!(Directory.Exists(stateDir) && Directory.GetFiles(stateDir).Length > 0) && DateTime.UtcNow < deadline && !first.HasExited)
            {
                await Task.Delay(20);
            }

            await Task.Delay(500);
            Assert.False(first.HasExited, "the first run finished before it could be killed; make the file larger");
            first.Kill(entireProcessTree: true);
            await first.WaitForExitAsync();
        }

        var second = await SvctlProcess.RunAsync(arguments, state, TimeSpan.FromMinutes(3));
        Assert.True(second.ExitCode == 0, second.Stderr);
        var report = JsonDocument.Parse(second.LastLine).RootElement;
        Assert.True(report.GetProperty("resumed").GetBoolean());
        Assert.Equal(sha256, report.GetProperty("sha256").GetString());
        var video = await GetVideoAsync(report.GetProperty("videoId").GetString()!);
        Assert.Equal(sha256, video.GetProperty("sha256").GetString());
    }

    [Fact]
    public async Task Svctl_upload_with_a_token_for_another_node_fails_with_one_readable_line()
    {
        var (file, _) = WriteFile("small.mp4", 1000, seed: 53);
        var forged = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhbGljZSJ9.c2lnbmF0dXJl";
        var result = await SvctlProcess.RunAsync(["upload", file, "--server", _node.BaseAddress.ToString(), "--token", forged], StateHome());
        Assert.NotEqual(0, result.ExitCode);
        var line = Assert.Single(result.Stderr.Trim().Split('\n'));
        Assert.Contains("401", line + result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_readme_tour_upload_private_wait_then_videos_list_get_and_wait_work_as_processes()
    {
        var clip = await TestClips.VideoAsync(_dir.Path, "tour.mp4", 320, 240, seconds: 2);
        var server = _node.BaseAddress.ToString();
        var alice = new Dictionary<string, string?>(StateHome()) { ["SV_TOKEN"] = _token };

        var upload = await SvctlProcess.RunAsync(["upload", clip, "--server", server, "--private", "--wait"], alice, TimeSpan.FromMinutes(3));
        Assert.True(upload.ExitCode == 0, upload.Stderr);
        var lines = upload.Stdout.Trim().Split('\n');
        var id = lines[0].Trim();
        Assert.EndsWith("/master.m3u8", lines[1].Trim(), StringComparison.Ordinal);
        Assert.Contains("deduplicated: no", upload.Stderr, StringComparison.Ordinal);

        var again = await SvctlProcess.RunAsync(["upload", clip, "--server", server], alice);
        var list = await SvctlProcess.RunAsync(["videos", "list", "--server", server], alice);
        var wait = await SvctlProcess.RunAsync(["videos", "wait", id, "--server", server], alice);
        var bob = await _node.TokenAsync("bob");
        var asBob = await SvctlProcess.RunAsync(["videos", "get", id, "--server", server, "--token", bob.LastLine], StateHome());

        Assert.Contains("deduplicated: yes", again.Stderr, StringComparison.Ordinal);
        Assert.Equal(0, list.ExitCode);
        Assert.Contains(list.Stdout.Split('\n'), l => l.StartsWith(id + " ", StringComparison.Ordinal) && l.Contains("ready", StringComparison.Ordinal) && l.Contains("private", StringComparison.Ordinal));
        Assert.Equal(lines[1].Trim(), wait.LastLine);
        Assert.Equal(1, asBob.ExitCode);
        Assert.Equal($"svctl videos get: No video with id '{id}' exists.", asBob.Stderr.Trim());
    }

    private Dictionary<string, string?> StateHome() => new() { ["XDG_STATE_HOME"] = _dir.Combine("state") };

    private (string Path, string Sha256) WriteFile(string name, int size, int seed)
    {
        var data = TusRequests.RandomBytes(size, seed);
        var path = _dir.Combine(name);
        File.WriteAllBytes(path, data);
        return (path, Convert.ToHexStringLower(SHA256.HashData(data)));
    }

    private async Task<JsonElement> GetVideoAsync(string videoId)
    {
        using var client = new HttpClient { BaseAddress = _node.BaseAddress };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", _token);
        return await client.GetFromJsonAsync<JsonElement>($"api/v1/videos/{videoId}");
    }
}
