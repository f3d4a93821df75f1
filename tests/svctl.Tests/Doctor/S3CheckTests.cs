using Microsoft.Extensions.Configuration;
using ShortVideo.Cli.Doctor;
using ShortVideo.Cli.Doctor.Checks;
using ShortVideo.Testing;

namespace svctl.Tests.Doctor;

public sealed class S3CheckTests
{
    private static IConfigurationSection Storage(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder()
            .AddInMemoryCollection(values.Select(v => KeyValuePair.Create<string, string?>("Storage:" + v.Key, v.Value)))
            .Build()
            .GetSection("Storage");

    private static byte[] HttpAnswer(string statusLine) =>
        System.Text.Encoding.ASCII.GetBytes($"HTTP/1.1 {statusLine}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");

    [Fact]
    public async Task Endpoint_answering_403_is_reachable_and_ok()
    {
        await using var server = new CannedTcpServer(HttpAnswer("403 Forbidden"));

        var result = await new S3Check(Storage(("Provider", "S3"), ("S3:ServiceUrl", $"http://127.0.0.1:{server.Port}"), ("S3:Bucket", "videos")))
            .RunAsync(CancellationToken.None);

        Assert.Equal(CheckStatus.Ok, result.Status);
        Assert.Equal($"http://127.0.0.1:{server.Port} answered HTTP 403 Forbidden for bucket 'videos' (reachable; credentials are not checked).", result.Detail);
        Assert.StartsWith("HEAD /videos ", System.Text.Encoding.ASCII.GetString(Assert.Single(server.Received)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Endpoint_answering_404_for_the_bucket_is_a_warning()
    {
        await using var server = new CannedTcpServer(HttpAnswer("404 Not Found"));

        var result = await new S3Check(Storage(("Provider", "s3"), ("S3:ServiceUrl", $"http://127.0.0.1:{server.Port}/"), ("S3:Bucket", "videos")))
            .RunAsync(CancellationToken.None);

        Assert.Equal(CheckStatus.Warn, result.Status);
        Assert.Contains("the bucket may not exist yet", result.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Closed_port_fails_saying_the_endpoint_is_not_reachable()
    {
        var port = RedisServer.FindFreePort();

        var result = await new S3Check(Storage(("Provider", "S3"), ("S3:ServiceUrl", $"http://127.0.0.1:{port}"), ("S3:Bucket", "videos")))
            .RunAsync(CancellationToken.None);

        Assert.Equal(CheckStatus.Fail, result.Status);
        Assert.StartsWith($"S3 endpoint http://127.0.0.1:{port} is not reachable: Connection refused", result.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task S3_without_a_bucket_fails_naming_the_missing_key()
    {
        var result = await new S3Check(Storage(("Provider", "S3"), ("S3:ServiceUrl", "http://127.0.0.1:9"))).RunAsync(CancellationToken.None);

        Assert.Equal(CheckStatus.Fail, result.Status);
        Assert.Equal("Storage:Provider is S3 but Storage:S3:Bucket is not set.", result.Detail);
    }

    [Fact]
    public async Task File_system_storage_is_skipped()
    {
        var result = await new S3Check(Storage(("Provider", "FileSystem"))).RunAsync(CancellationToken.None);

        Assert.Equal(CheckStatus.Skipped, result.Status);
    }
}
