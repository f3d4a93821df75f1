using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;

namespace ShortVideo.Cli.Doctor.Checks;

/// <summary>Redis answers PING with +PONG (RESP written by hand: one command needs no client library).</summary>
internal sealed class RedisCheck(string? connectionString, TimeSpan? timeout = null) : IDoctorCheck
{
    private const int DefaultPort = 6379;
    private readonly TimeSpan _timeout = timeout ?? TcpProbe.DefaultTimeout;

    public string Name => "redis";

    public async Task<CheckResult> RunAsync(CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            return CheckResult.Skipped(Name, "Redis:ConnectionString is not set: events, cache and counters stay in-process.");
        }

        if (!TryParse(connectionString, out var endpoint))
        {
            return CheckResult.Fail(Name, $"Redis:ConnectionString '{connectionString}' is not host:port or redis://host:port.");
        }

        return await TcpProbe.ExchangeAsync(Name, "Redis", endpoint, _timeout, PingAsync, cancellationToken);

        async Task<CheckResult> PingAsync(Socket socket, CancellationToken deadline)
        {
            var started = Stopwatch.GetTimestamp();
            await socket.SendAsync("*1\r\n$4\r\nPING\r\n"u8.ToArray(), deadline);
            var buffer = new byte[256];
            var length = await TcpProbe.ReadLineAsync(socket, buffer, deadline);
            var reply = Encoding.ASCII.GetString(buffer, 0, length).TrimEnd('\r', '\n');
            var facts = new JsonObject { ["endpoint"] = endpoint.ToString(), ["reply"] = reply };
            var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            return reply switch
            {
                "+PONG" => CheckResult.Ok(Name, string.Create(CultureInfo.InvariantCulture, $"PONG from {endpoint} in {elapsed:0} ms."), facts),
                _ when reply.StartsWith("-NOAUTH", StringComparison.Ordinal) =>
                    CheckResult.Warn(Name, $"{endpoint} is a Redis server that requires a password; svctl doctor does not check it.", facts),
                _ when reply.StartsWith('-') => CheckResult.Warn(Name, $"{endpoint} answered PING with an error: {reply[1..]}", facts),
                "" => CheckResult.Fail(Name, $"{endpoint} closed the connection without answering PING: not a Redis server?", facts),
                _ => CheckResult.Fail(Name, $"{endpoint} answered PING with '{Printable(reply)}': not a Redis server?", facts),
            };
        }
    }

    /// <summary>"host:port", "host:port,password=..." (StackExchange.Redis) or "redis://[user:pass@]host:port[/db]".</summary>
    internal static bool TryParse(string connectionString, out Endpoint endpoint)
    {
        var text = connectionString.Trim();
        if (text.StartsWith("redis://", StringComparison.OrdinalIgnoreCase) || text.StartsWith("rediss://", StringComparison.OrdinalIgnoreCase))
        {
            endpoint = default;
            if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || uri.Host.Length == 0)
            {
                return false;
            }

            endpoint = new Endpoint(uri.Host.Trim('[', ']'), uri.IsDefaultPort || uri.Port < 0 ? DefaultPort : uri.Port);
            return true;
        }

        var first = text.Split(',', 2)[0];
        return Endpoint.TryParse(first, DefaultPort, out endpoint);
    }

    private static string Printable(string reply) =>
        new(reply.Take(60).Select(static c => char.IsControl(c) ? '?' : c).ToArray());
}
