using ShortVideo.Cli.Doctor;
using ShortVideo.Cli.Doctor.Checks;
using ShortVideo.Testing;

namespace svctl.Tests.Doctor;

/// <summary>The PostgreSQL check against a real PostgreSQL 15 whose TCP logins need a password.</summary>
public sealed class PostgresCheckTests(PostgresServer postgres) : IClassFixture<PostgresServer>
{
    private string Tcp(string? password = null, string? database = null) =>
        $"Host=127.0.0.1;Port={postgres.Port};Username={postgres.Username};Password={password ?? postgres.Password};Database={database ?? postgres.Database}";

    [Fact]
    public async Task Real_PostgreSQL_is_ok_and_reports_its_version()
    {
        var result = await new PostgresCheck(postgres.ConnectionString).RunAsync(CancellationToken.None);

        Assert.Equal(CheckStatus.Ok, result.Status);
        Assert.Matches($@"^PostgreSQL 15\.\d+ .*at 127\.0\.0\.1:{postgres.Port}, database 'postgres' as 'postgres'\.$", result.Detail);
        Assert.Matches(@"^PostgreSQL 15\.\d+ .* on .*, \d+-bit$", result.Facts!["version"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_socket_directory_as_Host_connects_over_the_Unix_socket()
    {
        var result = await new PostgresCheck($"Host={postgres.SocketDirectory};Port={postgres.Port};Username=postgres").RunAsync(CancellationToken.None);

        Assert.Equal(CheckStatus.Ok, result.Status);
        Assert.Contains($"at {postgres.SocketDirectory}/.s.PGSQL.{postgres.Port}, ", result.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Closed_port_fails_saying_the_connection_was_refused()
    {
        var port = RedisServer.FindFreePort();

        var result = await new PostgresCheck($"Host=127.0.0.1;Port={port};Username=postgres").RunAsync(CancellationToken.None);

        Assert.Equal(CheckStatus.Fail, result.Status);
        Assert.Equal($"PostgreSQL: connection refused by 127.0.0.1:{port} (is the server running?).", result.Detail);
    }

    [Fact]
    public async Task Wrong_password_fails_saying_the_login_was_refused()
    {
        var result = await new PostgresCheck(Tcp(password: "not-the-password")).RunAsync(CancellationToken.None);

        Assert.Equal(CheckStatus.Fail, result.Status);
        Assert.Equal(
            $"PostgreSQL at 127.0.0.1:{postgres.Port} refused the login: password authentication failed for user \"postgres\".",
            result.Detail);
    }

    [Fact]
    public async Task No_password_where_the_server_requires_one_fails_saying_so()
    {
        var result = await new PostgresCheck($"Host=127.0.0.1;Port={postgres.Port};Username=postgres").RunAsync(CancellationToken.None);

        Assert.Equal(CheckStatus.Fail, result.Status);
        Assert.Equal($"PostgreSQL at 127.0.0.1:{postgres.Port} requires a password: add Password=... to Metadata:Postgres:ConnectionString.", result.Detail);
    }

    [Fact]
    public async Task Missing_database_fails_naming_it()
    {
        var result = await new PostgresCheck(Tcp(database: "videos_missing")).RunAsync(CancellationToken.None);

        Assert.Equal(CheckStatus.Fail, result.Status);
        Assert.Equal(
            $"PostgreSQL at 127.0.0.1:{postgres.Port} has no database 'videos_missing': create it or fix Database= in Metadata:Postgres:ConnectionString.",
            result.Detail);
    }

    [Fact]
    public async Task Server_that_never_answers_fails_within_the_timeout()
    {
        using var silent = new SilentTcpServer();

        var result = await SilentTcpServer.RunBoundedAsync(new PostgresCheck($"Host=127.0.0.1;Port={silent.Port};Username=postgres", TimeSpan.FromMilliseconds(300)));

        Assert.Equal(CheckStatus.Fail, result.Status);
        Assert.Equal($"PostgreSQL: no answer from 127.0.0.1:{silent.Port} within 0.3 s.", result.Detail);
    }

    [Fact]
    public async Task Server_that_is_not_PostgreSQL_fails_with_one_sentence()
    {
        await using var http = new CannedTcpServer("HTTP/1.1 400 Bad Request\r\n\r\n"u8.ToArray());

        var result = await new PostgresCheck($"Host=127.0.0.1;Port={http.Port};Username=postgres").RunAsync(CancellationToken.None);

        Assert.Equal(CheckStatus.Fail, result.Status);
        Assert.StartsWith($"PostgreSQL at 127.0.0.1:{http.Port}: ", result.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain("\n", result.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Database=x", "Metadata:Postgres:ConnectionString names no server: add Host=NAME.")]
    [InlineData("Host=db;Port=abc", "Metadata:Postgres:ConnectionString is not a valid Npgsql connection string: Couldn't set port: ")]
    [InlineData("Host=db;Hots=x", "Metadata:Postgres:ConnectionString is not a valid Npgsql connection string: unknown keyword 'hots'.")]
    [InlineData("postgresql://user:pw@db:5999/videos", "Metadata:Postgres:ConnectionString is a postgres:// URL, which Npgsql does not read: write it as Host=")]
    public async Task Unusable_connection_string_fails_saying_what_is_wrong(string connectionString, string expected)
    {
        var result = await new PostgresCheck(connectionString).RunAsync(CancellationToken.None);

        Assert.Equal(CheckStatus.Fail, result.Status);
        Assert.StartsWith(expected, result.Detail, StringComparison.Ordinal);
        Assert.EndsWith(".", result.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unset_connection_string_is_skipped()
    {
        Assert.Equal(CheckStatus.Skipped, (await new PostgresCheck(" ").RunAsync(CancellationToken.None)).Status);
    }
}
