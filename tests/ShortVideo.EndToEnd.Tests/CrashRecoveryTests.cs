using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using ShortVideo.Testing;
using static ShortVideo.Testing.TusRequests;

namespace ShortVideo.EndToEnd.Tests;

/// <summary>kill -9 of the node during uploads: acknowledged bytes survive, the client resumes, hashes match.</summary>
public sealed class CrashRecoveryTests : IDisposable
{
    private const int MiB = 1024 * 1024;
    private readonly TempDirectory _data = new("crash");

    public void Dispose() => _data.Dispose();

    [Fact]
    public async Task Bytes_acknowledged_before_kill_9_survive_restarts_and_the_resumed_upload_hashes_like_the_source()
    {
        var data = RandomBytes(48 * MiB, seed: 41);
        var node = await NodeProcess.StartAsync(_data.Path);
        var token = (await node.TokenAsync("alice")).LastLine;
        Uri location;
        using (var client = Client(node, token))
        {
            using var created = await client.SendAsync(Create(data.Length));
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
            location = new Uri(created.Headers.Location!.PathAndQuery, UriKind.Relative);
        }

        long acknowledged = 0;
        for (var round = 0; round < 2; round++)
        {
            using (var client = Client(node, token))
            {
                // An acknowledged chunk...
                using var ok = await client.SendAsync(Patch(new Uri(node.BaseAddress, location), acknowledged, data[(int)acknowledged..(int)(acknowledged + (8 * MiB))]));
                Assert.Equal(HttpStatusCode.NoContent, ok.StatusCode);
                acknowledged += 8 * MiB;

                // ...then a PATCH still streaming (12 MiB sent of 16) when the node dies.
                var inFlight = new StallingContent(data.AsMemory((int)acknowledged, 16 * MiB), sendBeforeStall: 12 * MiB);
                var request = new HttpRequestMessage(HttpMethod.Patch, new Uri(node.BaseAddress, location)) { Content = inFlight };
                request.Headers.Add("Tus-Resumable", "1.0.0");
                request.Headers.Add("Upload-Offset", acknowledged.ToString(System.Globalization.CultureInfo.InvariantCulture));
                var pending = client.SendAsync(request);
                await inFlight.Stalled;
                await Task.Delay(300);
                await node.KillAsync();
                inFlight.Resume();
                await Assert.ThrowsAnyAsync<Exception>(() => pending);
            }

            await node.DisposeAsync();
            node = await NodeProcess.StartAsync(_data.Path);
            using (var client = Client(node, token))
            {
                using var head = await client.SendAsync(Head(new Uri(node.BaseAddress, location)));
                Assert.Equal(HttpStatusCode.OK, head.StatusCode);
                var offset = long.Parse(Offset(head), System.Globalization.CultureInfo.InvariantCulture);
                Assert.InRange(offset, acknowledged, acknowledged + (12 * MiB));
                acknowledged = offset;
            }
        }

        using (var client = Client(node, token))
        {
            using var rest = await client.SendAsync(Patch(new Uri(node.BaseAddress, location), acknowledged, data[(int)acknowledged..]));
            Assert.Equal(HttpStatusCode.NoContent, rest.StatusCode);
            var video = await client.GetFromJsonAsync<JsonElement>($"api/v1/videos/{rest.Headers.GetValues("Video-Id").Single()}");
            var sha256 = Convert.ToHexStringLower(SHA256.HashData(data));
            Assert.Equal(sha256, video.GetProperty("sha256").GetString());

            // The stored blob itself, read back from disk, is the source.
            var blob = Path.Combine(_data.Path, "blobs", sha256[..2], sha256[2..4], sha256);
            Assert.Equal(sha256, Convert.ToHexStringLower(SHA256.HashData(await File.ReadAllBytesAsync(blob))));
        }

        await node.DisposeAsync();
    }

    private static HttpClient Client(NodeProcess node, string token)
    {
        var client = new HttpClient { BaseAddress = node.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>Sends part of a body, then waits like a slow client until told to go on, so the node dies mid-request.</summary>
    private sealed class StallingContent : HttpContent
    {
        private readonly TaskCompletionSource _stalled = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly ReadOnlyMemory<byte> _body;
        private readonly int _sendBeforeStall;

        public StallingContent(ReadOnlyMemory<byte> body, int sendBeforeStall)
        {
            _body = body;
            _sendBeforeStall = sendBeforeStall;
            Headers.ContentType = new MediaTypeHeaderValue("application/offset+octet-stream");
        }

        private readonly TaskCompletionSource _resume = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task Stalled => _stalled.Task;

        /// <summary>Sends the rest; against a killed node the write fails, as a real client's would.</summary>
        public void Resume() => _resume.TrySetResult();

        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            await stream.WriteAsync(_body[.._sendBeforeStall]);
            await stream.FlushAsync();
            _stalled.TrySetResult();
            await _resume.Task;
            await stream.WriteAsync(_body[_sendBeforeStall..]);
        }

        protected override bool TryComputeLength(out long length)
        {
            length = _body.Length;
            return true;
        }
    }
}
