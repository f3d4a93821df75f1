using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using ShortVideo.Testing;

namespace ShortVideo.EndToEnd.Tests;

/// <summary>tus-js-client, the reference client browsers use, against a running node.</summary>
public sealed class TusJsClientTests : IAsyncLifetime
{
    private InProcessNode _node = null!;
    private TempDirectory _files = null!;

    public async Task InitializeAsync()
    {
        _node = await InProcessNode.StartAsync();
        _files = new TempDirectory("tus-js");
    }

    public async Task DisposeAsync()
    {
        await _node.DisposeAsync();
        _files.Dispose();
    }

    [Fact]
    public async Task Tus_js_client_uploads_in_chunks_and_the_server_reports_the_files_sha256()
    {
        var (path, sha256) = WriteFile("clip.mp4", 9 * 1024 * 1024 + 77, seed: 31);
        var result = await NodeScript.RunAsync("tus-js-upload.mjs", "--endpoint", Endpoint, "--token", _node.Token("alice"), "--file", path, "--chunk-size", (2 * 1024 * 1024).ToString(System.Globalization.CultureInfo.InvariantCulture));

        var videoId = result.GetProperty("videoId").GetString();
        Assert.False(string.IsNullOrEmpty(videoId));
        Assert.Equal(sha256, await ServerSha256Async(videoId!));
    }

    [Fact]
    public async Task An_upload_interrupted_mid_way_is_resumed_by_a_fresh_client_and_hashes_match()
    {
        var size = 12 * 1024 * 1024;
        var (path, sha256) = WriteFile("long.mp4", size, seed: 32);
        var token = _node.Token("alice");
        var first = await NodeScript.RunAsync("tus-js-upload.mjs", "--endpoint", Endpoint, "--token", token, "--file", path, "--chunk-size", "1048576", "--stop-after", (5 * 1024 * 1024).ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.True(first.GetProperty("aborted").GetBoolean());
        Assert.Equal(JsonValueKind.Null, first.GetProperty("videoId").ValueKind);
        var uploadUrl = first.GetProperty("uploadUrl").GetString()!;

        var second = await NodeScript.RunAsync("tus-js-upload.mjs", "--endpoint", Endpoint, "--token", token, "--file", path, "--chunk-size", "1048576", "--upload-url", uploadUrl);
        var resumedFrom = second.GetProperty("resumedFrom").GetInt64();
        Assert.InRange(resumedFrom, 5 * 1024 * 1024, size - 1);
        Assert.Equal(uploadUrl, second.GetProperty("uploadUrl").GetString());
        Assert.Equal(sha256, await ServerSha256Async(second.GetProperty("videoId").GetString()!));
    }

    private string Endpoint => new Uri(_node.BaseAddress, "api/v1/uploads").ToString();

    private (string Path, string Sha256) WriteFile(string name, int size, int seed)
    {
        var data = TusRequests.RandomBytes(size, seed);
        var path = _files.Combine(name);
        File.WriteAllBytes(path, data);
        return (path, Convert.ToHexStringLower(SHA256.HashData(data)));
    }

    private async Task<string?> ServerSha256Async(string videoId)
    {
        using var client = _node.Client("alice");
        var video = await client.GetFromJsonAsync<JsonElement>($"api/v1/videos/{videoId}");
        return video.GetProperty("sha256").GetString();
    }
}
