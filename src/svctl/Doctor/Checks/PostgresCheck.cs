using System.Globalization;
using System.Text.Json.Nodes;
using Npgsql;

namespace ShortVideo.Cli.Doctor.Checks;

/// <summary>
/// Opens a connection with Npgsql from the configured connection string (credentials and database included),
/// runs <c>SELECT version()</c> and reports it: what a node needs, checked the way a node connects.
/// </summary>
internal sealed class PostgresCheck(string? connectionString, TimeSpan? timeout = null) : IDoctorCheck
{
    private const string Key = "Metadata:Postgres:ConnectionString";

    // PostgreSQL's SQLSTATEs (Appendix A): the login was refused, or the database does not exist.
    private const string InvalidPassword = "28P01";
    private const string InvalidAuthorization = "28000";
    private const string InvalidCatalogName = "3D000";

    private readonly TimeSpan _timeout = timeout ?? ConnectionFailure.DefaultTimeout;

    public string Name => "postgres";

    public async Task<CheckResult> RunAsync(CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            return CheckResult.Skipped(Name, "Metadata:Postgres:ConnectionString is not set: metadata stays in the embedded SQLite database.");
        }

        if (Parse(connectionString, out var problem) is not { } builder)
        {
            return CheckResult.Fail(Name, problem + ".");
        }

        // Npgsql's Timeout counts whole seconds; the token below enforces the doctor's own, shorter one. No pool:
        // the doctor opens one connection and must leave none behind.
        builder.Timeout = Math.Max(1, (int)Math.Ceiling(_timeout.TotalSeconds));
        builder.CommandTimeout = builder.Timeout;
        builder.Pooling = false;
        var endpoint = Endpoint(builder.Host!, builder.Port);
        var facts = new JsonObject { ["endpoint"] = endpoint };
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(_timeout);
        try
        {
            await using var connection = new NpgsqlConnection(builder.ConnectionString);
            await connection.OpenAsync(deadline.Token);
            await using var command = new NpgsqlCommand("SELECT version()", connection);
            var version = Convert.ToString(await command.ExecuteScalarAsync(deadline.Token), CultureInfo.InvariantCulture) ?? string.Empty;
            endpoint = Endpoint(connection.Host ?? builder.Host!, connection.Port);
            facts["endpoint"] = endpoint;
            facts["database"] = connection.Database;
            facts["user"] = connection.UserName;
            facts["version"] = version;
            return CheckResult.Ok(Name, $"{ShortVersion(version)} at {endpoint}, database '{connection.Database}' as '{connection.UserName}'.", facts);
        }
        catch (Exception failure) when (failure is NpgsqlException or OperationCanceledException or TimeoutException
                                        && !cancellationToken.IsCancellationRequested)
        {
            return CheckResult.Fail(Name, Describe(failure, builder, endpoint) + ".", facts);
        }
    }

    private static NpgsqlConnectionStringBuilder? Parse(string connectionString, out string? problem)
    {
        problem = null;
        var text = connectionString.Trim();
        if (text.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase) || text.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase))
        {
            // libpq reads URLs; Npgsql, which a node uses, does not.
            problem = $"{Key} is a postgres:// URL, which Npgsql does not read: write it as Host=HOST;Port=PORT;Database=DB;Username=USER;Password=PASSWORD";
            return null;
        }

        NpgsqlConnectionStringBuilder builder;
        try
        {
            builder = new NpgsqlConnectionStringBuilder(text);
        }
        catch (ArgumentException invalid)
        {
            problem = $"{Key} is not a valid Npgsql connection string: {Reason(invalid)}";
            return null;
        }

        if (string.IsNullOrWhiteSpace(builder.Host))
        {
            problem = $"{Key} names no server: add Host=NAME";
            return null;
        }

        return builder;
    }

    private string Describe(Exception failure, NpgsqlConnectionStringBuilder builder, string endpoint)
    {
        if (failure is PostgresException server)
        {
            return server.SqlState switch
            {
                InvalidPassword or InvalidAuthorization => $"PostgreSQL at {endpoint} refused the login: {server.MessageText}",
                InvalidCatalogName => $"PostgreSQL at {endpoint} has no database '{builder.Database}': create it or fix Database= in {Key}",
                _ => $"PostgreSQL at {endpoint} answered {server.SqlState}: {server.MessageText}",
            };
        }

        if (ConnectionFailure.DescribeSocket(failure, endpoint, builder.Host!) is { } socket)
        {
            return $"PostgreSQL: {socket}";
        }

        if (ConnectionFailure.Find<OperationCanceledException>(failure) is not null || ConnectionFailure.Find<TimeoutException>(failure) is not null)
        {
            return $"PostgreSQL: {ConnectionFailure.NoAnswer(endpoint, _timeout)}";
        }

        // Npgsql raises this one without a SQLSTATE: the server asked for a password the string does not have.
        return string.IsNullOrEmpty(builder.Password) && failure.Message.Contains("password", StringComparison.OrdinalIgnoreCase)
            ? $"PostgreSQL at {endpoint} requires a password: add Password=... to {Key}"
            : $"PostgreSQL at {endpoint}: {ConnectionFailure.Innermost(failure)}";
    }

    /// <summary>"host:port", "/run/postgresql/.s.PGSQL.5432" for a socket directory, or a host list as written.</summary>
    private static string Endpoint(string host, int port) =>
        host.StartsWith('/') ? $"{host.TrimEnd('/')}/.s.PGSQL.{port}"
        : host.Contains(',', StringComparison.Ordinal) || host.Contains(':', StringComparison.Ordinal) ? host
        : $"{host}:{port}";

    /// <summary>"PostgreSQL 15.18 (Debian 15.18-0+deb12u1)" of "... on x86_64-pc-linux-gnu, compiled by gcc ...".</summary>
    private static string ShortVersion(string version)
    {
        var on = version.IndexOf(" on ", StringComparison.Ordinal);
        return on > 0 ? version[..on] : version;
    }

    /// <summary>"Couldn't set port: The input string 'abc' was not in a correct format", without "(Parameter 'port')".</summary>
    private static string Reason(ArgumentException invalid)
    {
        var message = invalid.Message;
        var suffix = $" (Parameter '{invalid.ParamName}')";
        if (invalid.ParamName is not null && message.EndsWith(suffix, StringComparison.Ordinal))
        {
            message = message[..^suffix.Length];
        }

        return invalid.InnerException switch
        {
            KeyNotFoundException => $"unknown keyword '{invalid.ParamName}'",
            { } inner => $"{message}: {inner.Message.TrimEnd('.')}",
            null => message.TrimEnd('.'),
        };
    }
}
