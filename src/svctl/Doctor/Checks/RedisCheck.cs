using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using StackExchange.Redis;

namespace ShortVideo.Cli.Doctor.Checks;

/// <summary>
/// Connects to the configured Redis with StackExchange.Redis, the client a node uses (password and database
/// included), sends PING and reports the server's version.
/// </summary>
internal sealed class RedisCheck(string? connectionString, TimeSpan? timeout = null) : IDoctorCheck
{
    private readonly TimeSpan _timeout = timeout ?? ConnectionFailure.DefaultTimeout;

    public string Name => "redis";

    public async Task<CheckResult> RunAsync(CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            return CheckResult.Skipped(Name, "Redis:ConnectionString is not set: events, cache and counters stay in-process.");
        }

        if (RedisConnectionString.TryParse(connectionString) is not { } options)
        {
            return CheckResult.Fail(Name, $"Redis:ConnectionString '{connectionString}' is not host:port or redis://host:port.");
        }

        var target = options.EndPoints[0];
        var endpoint = EndPointCollection.ToString(target);
        var milliseconds = (int)Math.Ceiling(_timeout.TotalMilliseconds);
        options.ConnectTimeout = milliseconds;
        options.AsyncTimeout = milliseconds;
        options.SyncTimeout = milliseconds;
        options.ConnectRetry = 1;
        options.ClientName = "svctl-doctor";

        // Not aborting keeps the failed multiplexer for the PING below, whose exception carries the socket's or the
        // server's reason (ConnectAsync's own says only "UnableToConnect"); FailFast makes that PING fail at once
        // instead of queueing until a reconnection that the doctor will not wait for.
        options.AbortOnConnectFail = false;
        options.BacklogPolicy = BacklogPolicy.FailFast;

        var facts = new JsonObject { ["endpoint"] = endpoint };
        cancellationToken.ThrowIfCancellationRequested();
        try
        {
            // ConnectAsync takes no token; ConnectTimeout bounds it.
            var deadline = Environment.TickCount64 + milliseconds;
            await using var redis = await ConnectionMultiplexer.ConnectAsync(options);
            var server = redis.GetServer(target);
            var latency = await PingAsync(server, deadline);
            var version = server.Version.ToString();
            facts["version"] = version;
            facts["pingMs"] = Math.Round(latency.TotalMilliseconds, 1);
            return CheckResult.Ok(
                Name,
                string.Create(CultureInfo.InvariantCulture, $"Redis {version} at {endpoint} answered PING in {latency.TotalMilliseconds:0} ms."),
                facts);
        }
        catch (Exception failure) when (failure is RedisException or TimeoutException)
        {
            return CheckResult.Fail(Name, Describe(failure, options, endpoint, Host(target)) + ".", facts);
        }
    }

    /// <summary>
    /// PING, asked again while it fails with no recorded cause and time is left: on a loaded machine the connect can
    /// return before the server's refusal (a wrong password) is recorded, and the fail-fast PING would then read as
    /// "no answer" although the server did answer.
    /// </summary>
    private static async Task<TimeSpan> PingAsync(IServer server, long deadline)
    {
        while (true)
        {
            try
            {
                return await server.PingAsync();
            }
            catch (RedisConnectionException unexplained) when (unexplained.InnerException is null && Environment.TickCount64 < deadline)
            {
                await Task.Delay(50);
            }
        }
    }

    private string Describe(Exception failure, ConfigurationOptions options, string endpoint, string host)
    {
        if (Failed(failure, ConnectionFailureType.AuthenticationFailure))
        {
            return string.IsNullOrEmpty(options.Password)
                ? $"Redis at {endpoint} requires a password: add password=... to Redis:ConnectionString (or use redis://:PASSWORD@{endpoint})"
                : $"Redis at {endpoint} refused the password in Redis:ConnectionString (wrong password, or wrong user)";
        }

        if (ConnectionFailure.DescribeSocket(failure, endpoint, host) is { } socket)
        {
            return $"Redis: {socket}";
        }

        if (Failed(failure, ConnectionFailureType.ProtocolFailure) || Failed(failure, ConnectionFailureType.InternalFailure))
        {
            return $"{endpoint} did not answer in the Redis protocol ({ConnectionFailure.Innermost(failure)}): not a Redis server?";
        }

        // No recorded cause: the connection was not up within ConnectTimeout (a server that accepts and stays silent).
        return failure is TimeoutException || failure.InnerException is null
            ? $"Redis: {ConnectionFailure.NoAnswer(endpoint, _timeout)}"
            : $"Redis at {endpoint}: {ConnectionFailure.Innermost(failure)}";
    }

    /// <summary>The client reports the physical connection's failure as an inner exception of the command's.</summary>
    private static bool Failed(Exception? failure, ConnectionFailureType type)
    {
        for (; failure is not null; failure = failure.InnerException)
        {
            if (failure is RedisConnectionException connection && connection.FailureType == type)
            {
                return true;
            }
        }

        return false;
    }

    private static string Host(EndPoint endpoint) => endpoint switch
    {
        DnsEndPoint dns => dns.Host,
        IPEndPoint ip => ip.Address.ToString(),
        _ => endpoint.ToString() ?? string.Empty,
    };
}
