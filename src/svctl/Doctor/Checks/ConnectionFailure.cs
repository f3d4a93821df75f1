using System.Globalization;
using System.Net.Sockets;

namespace ShortVideo.Cli.Doctor.Checks;

/// <summary>
/// The timeout of the checks that reach a server, and sentences for failing to reach one. Client libraries wrap
/// the socket's exception in their own, so the cause is looked for along the inner exceptions.
/// </summary>
internal static class ConnectionFailure
{
    /// <summary>Three seconds: a server on the LAN answers in milliseconds; a dropped SYN would otherwise wait ~2 minutes.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(3);

    /// <summary>"no answer from 127.0.0.1:6379 within 0.3 s".</summary>
    public static string NoAnswer(string endpoint, TimeSpan timeout) =>
        string.Create(CultureInfo.InvariantCulture, $"no answer from {endpoint} within {timeout.TotalSeconds:0.#} s");

    /// <summary>The first exception of type <typeparamref name="T"/> in <paramref name="failure"/> or its inner exceptions.</summary>
    public static T? Find<T>(Exception? failure)
        where T : Exception
    {
        for (; failure is not null; failure = failure.InnerException)
        {
            if (failure is T found)
            {
                return found;
            }
        }

        return null;
    }

    /// <summary>"connection refused by 127.0.0.1:6390 (is the server running?)" and the like; null when no socket failed.</summary>
    public static string? DescribeSocket(Exception failure, string endpoint, string host) => Find<SocketException>(failure) switch
    {
        null => null,
        { SocketErrorCode: SocketError.ConnectionRefused } => $"connection refused by {endpoint} (is the server running?)",
        { SocketErrorCode: SocketError.HostNotFound or SocketError.NoData or SocketError.TryAgain } => $"host '{host}' not found",
        { SocketErrorCode: SocketError.ConnectionReset } => $"{endpoint} reset the connection",
        { SocketErrorCode: SocketError.TimedOut } => $"no answer from {endpoint}",
        var socket => $"cannot reach {endpoint}: {socket.Message}",
    };

    /// <summary>The innermost message, where libraries put the server's or the socket's own words.</summary>
    public static string Innermost(Exception failure)
    {
        while (failure.InnerException is not null)
        {
            failure = failure.InnerException;
        }

        return failure.Message.TrimEnd('.', ' ');
    }
}
