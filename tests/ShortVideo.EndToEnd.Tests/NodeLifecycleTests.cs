using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using ShortVideo.Testing;
using static ShortVideo.Testing.TusRequests;

namespace ShortVideo.EndToEnd.Tests;

/// <summary>`svctl up` as an operator runs it: ready on /healthz, graceful on SIGTERM, clear on bad flags.</summary>
public sealed class NodeLifecycleTests : IDisposable
{
    private readonly TempDirectory _dir = new("lifecycle");

    public void Dispose() => _dir.Dispose();

    [Theory]
    [InlineData("TERM")]
    [InlineData("INT")]
    public async Task Sigterm_or_ctrl_c_lets_an_in_flight_patch_finish_then_the_node_exits_0(string signal)
    {
        await using var node = await NodeProcess.StartAsync(_dir.Path);
        var token = (await node.TokenAsync("alice")).LastLine;
        using var client = new HttpClient { BaseAddress = node.BaseAddress };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var data = RandomBytes(4 * 1024 * 1024, seed: 61);
        using var created = await client.SendAsync(Create(data.Length));

        var slow = new SlowContent(data);
        var request = new HttpRequestMessage(HttpMethod.Patch, created.Headers.Location) { Content = slow };
        request.Headers.Add("Tus-Resumable", "1.0.0");
        request.Headers.Add("Upload-Offset", "0");
        var pending = client.SendAsync(request);
        await slow.HalfSent;

        var exit = node.TerminateAsync(TimeSpan.FromSeconds(40), signal);
        using var response = await pending;
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.True(response.Headers.Contains("Video-Id"));
        Assert.Equal(0, await exit);
        Assert.Contains("ready", node.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Up_on_a_port_in_use_exits_non_zero_with_one_readable_line()
    {
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port;
        var result = await SvctlProcess.RunAsync(["up", "--data", _dir.Path, "--urls", $"http://127.0.0.1:{port}"], timeout: TimeSpan.FromSeconds(60));
        Assert.NotEqual(0, result.ExitCode);
        var line = Assert.Single(result.Stderr.Trim().Split('\n'));
        Assert.Contains("address", line, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("   at ", result.Stderr, StringComparison.Ordinal);
    }

    /// <summary>Sends half the body, waits a second, then the rest: a request still in flight at SIGTERM.</summary>
    private sealed class SlowContent : HttpContent
    {
        private readonly TaskCompletionSource _halfSent = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly byte[] _body;

        public SlowContent(byte[] body)
        {
            _body = body;
            Headers.ContentType = new MediaTypeHeaderValue("application/offset+octet-stream");
        }

        public Task HalfSent => _halfSent.Task;

        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            await stream.WriteAsync(_body.AsMemory(0, _body.Length / 2));
            await stream.FlushAsync();
            _halfSent.TrySetResult();
            await Task.Delay(1000);
            await stream.WriteAsync(_body.AsMemory(_body.Length / 2));
        }

        protected override bool TryComputeLength(out long length)
        {
            length = _body.Length;
            return true;
        }
    }
}
