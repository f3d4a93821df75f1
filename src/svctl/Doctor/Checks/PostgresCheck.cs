using System.Buffers.Binary;
using System.Data.Common;
using System.Globalization;
using System.Net.Sockets;
using System.Text.Json.Nodes;

namespace ShortVideo.Cli.Doctor.Checks;

/// <summary>
/// A PostgreSQL server answers an SSLRequest with one byte, 'S' or 'N', before any authentication: a real
/// protocol check that needs no credentials and no client library.
/// </summary>
internal sealed class PostgresCheck(string? connectionString, TimeSpan? timeout = null) : IDoctorCheck
{
    private const int DefaultPort = 5432;

    // SSLRequest: Int32 length 8, Int32 code 80877103 (PostgreSQL protocol, "Message Formats").
    private const int SslRequestCode = 80877103;

    private readonly TimeSpan _timeout = timeout ?? TcpProbe.DefaultTimeout;

    public string Name => "postgres";

    public async Task<CheckResult> RunAsync(CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            return CheckResult.Skipped(Name, "Postgres:ConnectionString is not set: metadata stays in the embedded SQLite database.");
        }

        if (!TryParse(connectionString, out var endpoint, out var problem))
        {
            return CheckResult.Fail(Name, problem!);
        }

        return await TcpProbe.ExchangeAsync(Name, "PostgreSQL", endpoint, _timeout, SslRequestAsync, cancellationToken);

        async Task<CheckResult> SslRequestAsync(Socket socket, CancellationToken deadline)
        {
            var request = new byte[8];
            BinaryPrimitives.WriteInt32BigEndian(request, 8);
            BinaryPrimitives.WriteInt32BigEndian(request.AsSpan(4), SslRequestCode);
            await socket.SendAsync(request, deadline);
            var answer = new byte[1];
            var read = await socket.ReceiveAsync(answer, deadline);
            var facts = new JsonObject { ["endpoint"] = endpoint.ToString() };
            return read == 0
                ? CheckResult.Fail(Name, $"{endpoint} closed the connection without answering the SSLRequest: not a PostgreSQL server?", facts)
                : (char)answer[0] switch
                {
                    'S' => CheckResult.Ok(Name, $"PostgreSQL at {endpoint} answered the SSLRequest ('S': TLS offered).", facts),
                    'N' => CheckResult.Ok(Name, $"PostgreSQL at {endpoint} answered the SSLRequest ('N': TLS not offered).", facts),
                    'E' => CheckResult.Warn(Name, $"{endpoint} answered the SSLRequest with an error message: a very old PostgreSQL?", facts),
                    _ => CheckResult.Fail(Name, string.Create(CultureInfo.InvariantCulture, $"{endpoint} answered the SSLRequest with byte 0x{answer[0]:x2}: not a PostgreSQL server."), facts),
                };
        }
    }

    /// <summary>Npgsql-style "Host=...;Port=..." (first of several hosts; "Server" too), or postgres://host:port/db.</summary>
    internal static bool TryParse(string connectionString, out Endpoint endpoint, out string? problem)
    {
        endpoint = default;
        problem = null;
        var text = connectionString.Trim();
        if (text.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase) || text.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase))
        {
            if (Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Host.Length > 0)
            {
                endpoint = new Endpoint(uri.Host.Trim('[', ']'), uri.IsDefaultPort || uri.Port < 0 ? DefaultPort : uri.Port);
                return true;
            }

            problem = $"Postgres:ConnectionString '{text}' is not a valid postgres:// URL.";
            return false;
        }

        var builder = new DbConnectionStringBuilder();
        try
        {
            builder.ConnectionString = text;
        }
        catch (ArgumentException)
        {
            problem = "Postgres:ConnectionString is not of the form Host=...;Port=...;Database=...";
            return false;
        }

        var host = (Value(builder, "Host") ?? Value(builder, "Server"))?.Split(',')[0].Trim();
        if (string.IsNullOrEmpty(host))
        {
            problem = "Postgres:ConnectionString has no Host=...";
            return false;
        }

        if (host.StartsWith('/'))
        {
            problem = $"Postgres:ConnectionString names a Unix socket directory ({host}); svctl doctor checks TCP hosts only.";
            return false;
        }

        var port = DefaultPort;
        if (Value(builder, "Port") is { } portText
            && (!int.TryParse(portText, NumberStyles.None, CultureInfo.InvariantCulture, out port) || port is < 1 or > 65535))
        {
            problem = $"Postgres:ConnectionString has Port={portText}, not a TCP port.";
            return false;
        }

        // Npgsql also accepts "Host=db:5433"; a port there wins over Port=.
        if (!Endpoint.TryParse(host, port, out endpoint))
        {
            problem = $"Postgres:ConnectionString has Host={host}, not a host name or address.";
            return false;
        }

        return true;
    }

    private static string? Value(DbConnectionStringBuilder builder, string key) =>
        builder.TryGetValue(key, out var value) ? Convert.ToString(value, CultureInfo.InvariantCulture) : null;
}
