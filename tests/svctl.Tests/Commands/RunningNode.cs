using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using ShortVideo.Testing;

namespace svctl.Tests.Commands;

/// <summary>A real node running on a data directory while svctl, as another process, changes its auth state.</summary>
internal sealed class RunningNode : IAsyncDisposable
{
    private readonly InProcessNode _node;
    private readonly HttpClient _client;

    private RunningNode(InProcessNode node)
    {
        _node = node;
        _client = new HttpClient { BaseAddress = node.BaseAddress };
    }

    public static async Task<RunningNode> StartAsync(string dataDir)
    {
        Directory.CreateDirectory(dataDir);
        return new RunningNode(await InProcessNode.StartAsync(dataDir: dataDir));
    }

    /// <summary>
    /// Asks for a video that does not exist: 404 means the token was accepted, 401 that it was refused
    /// (with the problem's detail).
    /// </summary>
    public async Task<(HttpStatusCode Status, string Detail)> CallAsync(string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "api/v1/videos/no-such-video");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await _client.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        var detail = body.StartsWith('{') && JsonDocument.Parse(body).RootElement.TryGetProperty("detail", out var d) ? d.GetString()! : body;
        return (response.StatusCode, detail);
    }

    public async Task AssertAcceptedAsync(string token)
    {
        var (status, detail) = await CallAsync(token);
        Assert.True(status == HttpStatusCode.NotFound, $"expected the token to be accepted (404 for an unknown video), got {(int)status}: {detail}");
    }

    /// <summary>Polls until the node refuses <paramref name="token"/>; returns the detail and how long it took. Fails after <paramref name="seconds"/>.</summary>
    public async Task<(string Detail, TimeSpan Elapsed)> WaitUntilRefusedAsync(string token, int seconds = 10)
    {
        var stopwatch = Stopwatch.StartNew();
        while (stopwatch.Elapsed < TimeSpan.FromSeconds(seconds))
        {
            var (status, detail) = await CallAsync(token);
            if (status == HttpStatusCode.Unauthorized)
            {
                return (detail, stopwatch.Elapsed);
            }

            await Task.Delay(50);
        }

        throw new Xunit.Sdk.XunitException($"The running node still accepts the token after {seconds} s.");
    }

    /// <summary>Polls until the node accepts <paramref name="token"/>; fails after 10 s.</summary>
    public async Task<TimeSpan> WaitUntilAcceptedAsync(string token)
    {
        var stopwatch = Stopwatch.StartNew();
        while (stopwatch.Elapsed < TimeSpan.FromSeconds(10))
        {
            if ((await CallAsync(token)).Status == HttpStatusCode.NotFound)
            {
                return stopwatch.Elapsed;
            }

            await Task.Delay(50);
        }

        throw new Xunit.Sdk.XunitException("The running node still refuses the token after 10 s.");
    }

    public async ValueTask DisposeAsync()
    {
        _client.Dispose();
        await _node.DisposeAsync();
    }
}
