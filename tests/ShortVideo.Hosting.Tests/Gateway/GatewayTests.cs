using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using ShortVideo.Hosting.Node;
using ShortVideo.Testing;

namespace ShortVideo.Hosting.Tests.Gateway;

/// <summary>
/// The gateway role (YARP) in front of two api nodes on one data directory: uploads and playback go through it with
/// URLs that name the gateway, a stopped node leaves the rotation so a client that retries loses nothing, no node
/// ready means 503 problem+json, and bad settings stop the gateway with one sentence naming the key.
/// </summary>
public sealed class GatewayTests : IAsyncLifetime
{
    private readonly TempDirectory _data = new("gateway-nodes");
    private readonly TempDirectory _clips = new("gateway-clips");
    private InProcessNode _first = null!;
    private InProcessNode _second = null!;
    private InProcessNode _gateway = null!;
    private bool _secondStopped;

    public async Task InitializeAsync()
    {
        _first = await InProcessNode.StartAsync(o => o["Uploads:RateLimit:PermitLimit"] = "10000", _data.Path);
        _second = await InProcessNode.StartAsync(o => o[NodeRoles.Key] = "api", _data.Path);
        _gateway = await StartGatewayAsync($"{_first.BaseAddress};{_second.BaseAddress}");
    }

    public async Task DisposeAsync()
    {
        await _gateway.DisposeAsync();
        if (!_secondStopped)
        {
            await _second.DisposeAsync();
        }

        await _first.DisposeAsync();
        _data.Dispose();
        _clips.Dispose();
    }

    [Fact]
    public async Task An_upload_through_the_gateway_completes_and_plays_through_it_with_urls_that_name_the_gateway()
    {
        using var client = GatewayClient("alice");
        var clip = await TestClips.VideoAsync(_clips.Path, "clip.mp4", 320, 180, seconds: 2);
        var bytes = await File.ReadAllBytesAsync(clip);

        using var created = await client.SendAsync(TusRequests.Create(bytes.Length));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var location = created.Headers.Location!;
        Assert.Equal(_gateway.BaseAddress.Authority, (location.IsAbsoluteUri ? location : new Uri(_gateway.BaseAddress, location)).Authority);
        using var patch = await client.SendAsync(TusRequests.Patch(location, 0, bytes));
        Assert.Equal(HttpStatusCode.NoContent, patch.StatusCode);
        var id = patch.Headers.GetValues("Video-Id").Single();

        var video = await VideoRequests.WaitUntilProcessedAsync(client, id);
        Assert.Equal("ready", video.GetProperty("status").GetString());
        var hls = new Uri(video.GetProperty("playback").GetProperty("hls").GetString()!);
        Assert.Equal(_gateway.BaseAddress.Authority, hls.Authority);
        using var playlist = await client.GetAsync(hls);
        Assert.Equal(HttpStatusCode.OK, playlist.StatusCode);
        Assert.Contains("#EXTM3U", await playlist.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task When_an_api_node_stops_the_gateway_routes_around_it_and_a_client_that_retries_loses_nothing()
    {
        using var client = GatewayClient("bob");
        _secondStopped = true;
        await _second.DisposeAsync();

        var retried = 0;
        for (var i = 0; i < 60; i++)
        {
            var response = await client.GetAsync("api/v1/me");
            for (var attempt = 1; response.StatusCode != HttpStatusCode.OK && attempt <= 5; attempt++)
            {
                Assert.True((int)response.StatusCode >= 500, $"request {i}: {(int)response.StatusCode}");
                retried++;
                response.Dispose();
                await Task.Delay(250);
                response = await client.GetAsync("api/v1/me");
            }

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            response.Dispose();
        }

        // A refused connection or one failed probe (every 200 ms here) takes the node out: afterwards every request
        // lands on the node still up.
        Assert.InRange(retried, 0, 5);
        for (var i = 0; i < 40; i++)
        {
            using var response = await client.GetAsync("api/v1/me");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        using var ready = await client.GetAsync("readyz");
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
    }

    [Fact]
    public async Task A_gateway_whose_api_nodes_are_all_down_is_not_ready_and_answers_503_problem_json()
    {
        await using var lonely = await StartGatewayAsync($"http://127.0.0.1:{FreePort.Next()}/");
        using var client = new HttpClient { BaseAddress = lonely.BaseAddress };

        HttpResponseMessage ready;
        var deadline = DateTime.UtcNow.AddSeconds(20);
        do
        {
            ready = await client.GetAsync("readyz");
            if (ready.StatusCode == HttpStatusCode.ServiceUnavailable)
            {
                break;
            }

            await Task.Delay(100);
        }
        while (DateTime.UtcNow < deadline);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        Assert.Contains("api nodes", (await ready.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString(), StringComparison.Ordinal);
        using var proxied = await client.GetAsync("api/v1/me");
        Assert.True((int)proxied.StatusCode is 502 or 503, $"{(int)proxied.StatusCode}");
        Assert.Equal("application/problem+json", proxied.Content.Headers.ContentType?.MediaType);
        using var live = await client.GetAsync("healthz");
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
    }

    [Theory]
    [InlineData("gateway,api", null, "Node:Roles: gateway runs alone")]
    [InlineData("gateway", null, "Gateway:Destinations is required")]
    [InlineData("gateway", "ftp://10.0.0.1/", "Gateway:Destinations has 'ftp://10.0.0.1/', which is not an http(s) URL.")]
    [InlineData("gateway", "http://10.0.0.1/;not a url", "Gateway:Destinations has 'not a url'")]
    public void Bad_gateway_settings_stop_it_with_a_sentence_naming_the_key(string roles, string? destinations, string expected)
    {
        var options = new NodeStartOptions { DataDir = _data.Path, Urls = "http://127.0.0.1:0", ContentRoot = _data.Path };
        options.Overrides[NodeRoles.Key] = roles;
        options.Overrides["Gateway:Destinations"] = destinations;

        var error = Assert.Throws<InvalidOperationException>(() => ShortVideoNode.Build(options));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    private static Task<InProcessNode> StartGatewayAsync(string destinations) =>
        InProcessNode.StartAsync(o =>
        {
            o[NodeRoles.Key] = "gateway";
            o["Gateway:Destinations"] = destinations;
            o["Gateway:HealthCheckInterval"] = "00:00:00.200";
        });

    private HttpClient GatewayClient(string user)
    {
        var client = new HttpClient { BaseAddress = _gateway.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", _first.Token(user));
        return client;
    }
}
