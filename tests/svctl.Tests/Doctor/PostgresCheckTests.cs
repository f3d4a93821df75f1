using System.Buffers.Binary;
using ShortVideo.Cli.Doctor;
using ShortVideo.Cli.Doctor.Checks;
using ShortVideo.Testing;

namespace svctl.Tests.Doctor;

public sealed class PostgresCheckTests
{
    [Theory]
    [InlineData((byte)'N', "('N': TLS not offered)")]
    [InlineData((byte)'S', "('S': TLS offered)")]
    public async Task Server_answering_the_SSLRequest_is_ok(byte answer, string expected)
    {
        await using var server = new CannedTcpServer([answer]);

        var result = await new PostgresCheck($"Host=127.0.0.1;Port={server.Port};Database=videos;Username=sv").RunAsync(CancellationToken.None);

        Assert.Equal(CheckStatus.Ok, result.Status);
        Assert.Contains(expected, result.Detail, StringComparison.Ordinal);
        var request = Assert.Single(server.Received);
        Assert.Equal(8, BinaryPrimitives.ReadInt32BigEndian(request));
        Assert.Equal(80877103, BinaryPrimitives.ReadInt32BigEndian(request.AsSpan(4)));
    }

    [Fact]
    public async Task Server_answering_something_else_fails_saying_it_is_not_PostgreSQL()
    {
        await using var server = new CannedTcpServer("HTTP/1.1 400"u8.ToArray());

        var result = await new PostgresCheck($"Host=127.0.0.1;Port={server.Port}").RunAsync(CancellationToken.None);

        Assert.Equal(CheckStatus.Fail, result.Status);
        Assert.EndsWith("answered the SSLRequest with byte 0x48: not a PostgreSQL server.", result.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Closed_port_fails_saying_the_connection_was_refused()
    {
        var port = RedisServer.FindFreePort();

        var result = await new PostgresCheck($"Host=127.0.0.1;Port={port}").RunAsync(CancellationToken.None);

        Assert.Equal(CheckStatus.Fail, result.Status);
        Assert.Equal($"PostgreSQL: connection refused by 127.0.0.1:{port} (is the server running?).", result.Detail);
    }

    [Theory]
    [InlineData("Host=db;Port=5433;Database=x", "db", 5433)]
    [InlineData("Server=db", "db", 5432)]
    [InlineData("host=db1,db2;port=6000", "db1", 6000)]
    [InlineData("Host=db:7000", "db", 7000)]
    [InlineData("postgresql://user:pw@db:5999/videos", "db", 5999)]
    [InlineData("postgres://db/videos", "db", 5432)]
    public void Connection_string_forms_give_host_and_port(string connectionString, string host, int port)
    {
        Assert.True(PostgresCheck.TryParse(connectionString, out var endpoint, out var problem), problem);
        Assert.Equal(new Endpoint(host, port), endpoint);
    }

    [Theory]
    [InlineData("Database=x", "has no Host")]
    [InlineData("Host=db;Port=abc", "Port=abc, not a TCP port")]
    [InlineData("Host=/var/run/postgresql", "Unix socket directory")]
    public async Task Unusable_connection_string_fails_saying_what_is_wrong(string connectionString, string expected)
    {
        var result = await new PostgresCheck(connectionString).RunAsync(CancellationToken.None);

        Assert.Equal(CheckStatus.Fail, result.Status);
        Assert.Contains(expected, result.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unset_connection_string_is_skipped()
    {
        Assert.Equal(CheckStatus.Skipped, (await new PostgresCheck(" ").RunAsync(CancellationToken.None)).Status);
    }
}
