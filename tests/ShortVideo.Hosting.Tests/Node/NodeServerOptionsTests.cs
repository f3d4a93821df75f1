using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Security.Cryptography;
using ShortVideo.Hosting.Node;
using ShortVideo.Testing;

namespace ShortVideo.Hosting.Tests.Node;

/// <summary>
/// Server:ReceiveBlockBytes and Server:InlineScheduling: out-of-range values stop the node at startup with a
/// sentence naming the key; every allowed combination still takes a multi-chunk upload intact.
/// </summary>
public sealed class NodeServerOptionsTests
{
    [Theory]
    [InlineData("100")]
    [InlineData("8388608")]
    public void A_receive_block_size_out_of_range_fails_at_startup_with_the_key_and_the_range(string value)
    {
        var dataDir = Directory.CreateTempSubdirectory("sv-server-").FullName;
        try
        {
            var options = new NodeStartOptions { DataDir = dataDir, Urls = "http://127.0.0.1:0", ContentRoot = dataDir };
            options.Overrides["Server:ReceiveBlockBytes"] = value;
            var error = Assert.Throws<InvalidOperationException>(() => ShortVideoNode.Build(options));
            Assert.Contains("Server:ReceiveBlockBytes", error.Message, StringComparison.Ordinal);
            Assert.Contains($"between {NodeServerOptions.MinReceiveBlockBytes} and {NodeServerOptions.MaxReceiveBlockBytes}", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(dataDir, recursive: true);
        }
    }

    [Theory]
    [InlineData("4096", "false")]
    [InlineData("65536", "true")]
    [InlineData("4194304", "true")]
    public async Task Every_allowed_block_size_and_scheduling_mode_stores_an_upload_intact(string blockBytes, string inline)
    {
        await using var node = await InProcessNode.StartAsync(o =>
        {
            o["Server:ReceiveBlockBytes"] = blockBytes;
            o["Server:InlineScheduling"] = inline;
        });
        using var client = node.Client();
        var body = new byte[(3 * 1024 * 1024) + 12_345];
        new Random(int.Parse(blockBytes, System.Globalization.CultureInfo.InvariantCulture)).NextBytes(body);

        using var created = await client.SendAsync(TusRequests.Create(body.Length));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var location = created.Headers.Location!;
        var half = body.Length / 2;
        using (var first = await client.SendAsync(TusRequests.Patch(location, 0, body[..half])))
        {
            Assert.Equal(HttpStatusCode.NoContent, first.StatusCode);
        }

        using var last = await client.SendAsync(TusRequests.Patch(location, half, body[half..]));
        Assert.Equal(HttpStatusCode.NoContent, last.StatusCode);
        var video = await client.GetFromJsonAsync<JsonElement>($"api/v1/videos/{last.Headers.GetValues("Video-Id").Single()}");
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(body)), video.GetProperty("sha256").GetString());
    }
}
