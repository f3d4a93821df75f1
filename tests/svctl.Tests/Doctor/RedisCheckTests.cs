using ShortVideo.Cli.Doctor;
using ShortVideo.Cli.Doctor.Checks;
using ShortVideo.Testing;
using StackExchange.Redis;

namespace svctl.Tests.Doctor;

public sealed class RedisCheckTests(RedisServer redis) : IClassFixture<RedisServer>
{
    private const string Secret = "doctor-s3cret";

    // The refusal arrives as soon as the server answers; a loaded machine may take longer than the 3 s default to
    // connect, and these tests are about the sentence, not the timeout.
    private static readonly TimeSpan Patient = TimeSpan.FromSeconds(30);

    [Theory]
    [InlineData("{0}")]
    [InlineData("redis://{0}")]
    [InlineData("redis://{0}/0")]
    [InlineData("{0},abortConnect=false")]
    public async Task Real_redis_server_answers_PING_and_the_check_reports_its_version(string format)
    {
        var check = new RedisCheck(string.Format(format, redis.ConnectionString));

        var result = await check.RunAsync(CancellationToken.None);

        Assert.Equal(CheckStatus.Ok, result.Status);
        Assert.Matches($@"^Redis \d+\.\d+\.\d+ at 127\.0\.0\.1:{redis.Port} answered PING in \d+ ms\.$", result.Detail);
        Assert.StartsWith("7.", result.Facts!["version"]!.GetValue<string>(), StringComparison.Ordinal); // Debian 12 ships redis 7.0
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
        Assert.StartsWith($"127.0.0.1:{http.Port} did not answer in the Redis protocol (", result.Detail, StringComparison.Ordinal);
        Assert.EndsWith("): not a Redis server?.", result.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Server_that_never_answers_fails_within_the_timeout()
    {
        using var silent = new SilentTcpServer();

        var result = await SilentTcpServer.RunBoundedAsync(new RedisCheck($"127.0.0.1:{silent.Port}", TimeSpan.FromMilliseconds(300)));

        Assert.Equal(CheckStatus.Fail, result.Status);
        Assert.Equal($"Redis: no answer from 127.0.0.1:{silent.Port} within 0.3 s.", result.Detail);
    }

    [Fact]
    public async Task Redis_that_requires_a_password_fails_with_a_sentence()
    {
        await using var locked = await RedisServer.StartAsync(requirePassword: Secret);

        var result = await new RedisCheck(locked.ConnectionString, Patient).RunAsync(CancellationToken.None);

        Assert.Equal(CheckStatus.Fail, result.Status);
        Assert.Equal(
            $"Redis at 127.0.0.1:{locked.Port} requires a password: add password=... to Redis:ConnectionString (or use redis://:PASSWORD@127.0.0.1:{locked.Port}).",
            result.Detail);
    }

    [Theory]
    [InlineData("{0},password=wrong")]
    [InlineData("redis://:wrong@{0}")]
    public async Task Redis_with_a_wrong_password_fails_saying_the_password_was_refused(string format)
    {
        await using var locked = await RedisServer.StartAsync(requirePassword: Secret);

        var result = await new RedisCheck(string.Format(format, locked.ConnectionString), Patient).RunAsync(CancellationToken.None);

        Assert.Equal(CheckStatus.Fail, result.Status);
        Assert.Equal($"Redis at 127.0.0.1:{locked.Port} refused the password in Redis:ConnectionString (wrong password, or wrong user).", result.Detail);
    }

    [Theory]
    [InlineData("{0},password=" + Secret)]
    [InlineData("redis://:" + Secret + "@{0}")]
    [InlineData("redis://default:" + Secret + "@{0}/1")]
    public async Task Redis_with_its_password_in_the_connection_string_is_ok(string format)
    {
        await using var locked = await RedisServer.StartAsync(requirePassword: Secret);

        var result = await new RedisCheck(string.Format(format, locked.ConnectionString), Patient).RunAsync(CancellationToken.None);

        Assert.Equal(CheckStatus.Ok, result.Status);
    }

    [Fact]
    public async Task Unset_connection_string_is_skipped()
    {
        var result = await new RedisCheck(null).RunAsync(CancellationToken.None);

        Assert.Equal(CheckStatus.Skipped, result.Status);
    }

    [Theory]
    [InlineData("redis://cache", "cache:6379", null, null, -1, false)]
    [InlineData("rediss://u:p%40ss@cache:6390/2", "cache:6390", "u", "p@ss", 2, true)]
    [InlineData("redis://:secret@[::1]:7000", "[::1]:7000", null, "secret", -1, false)]
    public void Redis_URLs_become_client_options_with_credentials_and_database(
        string url, string endpoint, string? user, string? password, int database, bool tls)
    {
        var options = RedisConnectionString.TryParse(url);

        Assert.NotNull(options);
        Assert.Equal(endpoint, EndPointCollection.ToString(Assert.Single(options.EndPoints)));
        Assert.Equal(user, options.User);
        Assert.Equal(password, options.Password);
        Assert.Equal(database, options.DefaultDatabase ?? -1);
        Assert.Equal(tls, options.Ssl);
    }

    [Theory]
    [InlineData("cache:notaport")]
    [InlineData("cache:70000")]
    [InlineData(":6379")]
    [InlineData("redis://cache/notadb")]
    public async Task Unparseable_connection_string_fails_quoting_it(string connectionString)
    {
        var result = await new RedisCheck(connectionString).RunAsync(CancellationToken.None);

        Assert.Equal(CheckStatus.Fail, result.Status);
        Assert.Contains($"'{connectionString}' is not host:port or redis://host:port", result.Detail, StringComparison.Ordinal);
    }
}
