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
