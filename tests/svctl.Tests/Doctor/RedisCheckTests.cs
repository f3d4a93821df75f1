using ShortVideo.Cli.Doctor;
using ShortVideo.Cli.Doctor.Checks;
using ShortVideo.Testing;

namespace svctl.Tests.Doctor;

public sealed class RedisCheckTests(RedisServer redis) : IClassFixture<RedisServer>
{
    [Theory]
    [InlineData("{0}")]
    [InlineData("redis://{0}")]
    [InlineData("redis://user:secret@{0}/0")]
    [InlineData("{0},abortConnect=false")]
    public async Task Real_redis_server_answers_PONG_and_the_check_is_ok(string format)
    {
        var check = new RedisCheck(string.Format(format, redis.ConnectionString));

        var result = await check.RunAsync(CancellationToken.None);

        Assert.Equal(CheckStatus.Ok, result.Status);
        Assert.StartsWith($"PONG from 127.0.0.1:{redis.Port} in ", result.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Closed_port_fails_saying_the_connection_was_refused()
    {
        var port = RedisServer.FindFreePort();

        var result = await new RedisCheck($"127.0.0.1:{port}").RunAsync(CancellationToken.None);

        Assert.Equal(CheckStatus.Fail, result.Status);
        Assert.Equal($"Redis: connection refused by 127.0.0.1:{port} (is the server running?).", result.Detail);
    }

    [Fact]
    public async Task Server_that_is_not_redis_fails_saying_so()
    {
        await using var http = new CannedTcpServer("HTTP/1.1 400 Bad Request\r\n\r\n"u8.ToArray());

        var result = await new RedisCheck($"127.0.0.1:{http.Port}").RunAsync(CancellationToken.None);

        Assert.Equal(CheckStatus.Fail, result.Status);
        Assert.Contains("answered PING with 'HTTP/1.1 400 Bad Request': not a Redis server?", result.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Server_that_never_answers_fails_within_the_timeout()
    {
        // A listener that accepts into its backlog and never reads: connect succeeds, PING gets no answer.
        using var silent = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        silent.Start();
        var port = ((System.Net.IPEndPoint)silent.LocalEndpoint).Port;

        var result = await new RedisCheck($"127.0.0.1:{port}", TimeSpan.FromMilliseconds(300)).RunAsync(CancellationToken.None);

        Assert.Equal(CheckStatus.Fail, result.Status);
        Assert.Equal($"Redis: no answer from 127.0.0.1:{port} within 0.3 s.", result.Detail);
    }

    [Fact]
    public async Task Password_protected_redis_is_a_warning_not_a_failure()
    {
        await using var locked = new CannedTcpServer("-NOAUTH Authentication required.\r\n"u8.ToArray());

        var result = await new RedisCheck($"127.0.0.1:{locked.Port}").RunAsync(CancellationToken.None);

        Assert.Equal(CheckStatus.Warn, result.Status);
        Assert.Contains("requires a password", result.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unset_connection_string_is_skipped()
    {
        var result = await new RedisCheck(null).RunAsync(CancellationToken.None);

        Assert.Equal(CheckStatus.Skipped, result.Status);
    }

    [Theory]
    [InlineData("cache:6380", "cache", 6380)]
    [InlineData("cache", "cache", 6379)]
    [InlineData("redis://cache", "cache", 6379)]
    [InlineData("rediss://u:p@cache:6390/2", "cache", 6390)]
    [InlineData("[::1]:7000,password=x", "::1", 7000)]
    public void Connection_string_forms_give_host_and_port(string connectionString, string host, int port)
    {
        Assert.True(RedisCheck.TryParse(connectionString, out var endpoint));
        Assert.Equal(new Endpoint(host, port), endpoint);
    }

    [Theory]
    [InlineData("cache:notaport")]
    [InlineData("cache:70000")]
    [InlineData(":6379")]
    public async Task Unparseable_connection_string_fails_quoting_it(string connectionString)
    {
        var result = await new RedisCheck(connectionString).RunAsync(CancellationToken.None);

        Assert.Equal(CheckStatus.Fail, result.Status);
        Assert.Contains($"'{connectionString}' is not host:port or redis://host:port", result.Detail, StringComparison.Ordinal);
    }
}
