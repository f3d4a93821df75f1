using System.Net.Sockets;

namespace ShortVideo.Cli.Videos;

/// <summary>
/// The commonest first-run mistake: no node is running. A refused connection says so at once (nothing listens at
/// that address), unlike a timeout or a reset, so it gets its own sentence that says what to do.
/// </summary>
internal static class ServerUnreachable
{
    /// <summary>True when <paramref name="exception"/> (or one it wraps) is a refused TCP connection.</summary>
    public static bool IsConnectionRefused(Exception? exception)
    {
        for (var inner = exception; inner is not null; inner = inner.InnerException)
        {
            if (inner is SocketException { SocketErrorCode: SocketError.ConnectionRefused })
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>"nothing answers at http://127.0.0.1:8080 (connection refused): is the node running? ..."</summary>
    public static string Sentence(Uri server) =>
        $"nothing answers at {server.GetLeftPart(UriPartial.Authority)} (connection refused): is the node running? Start one with ./svctl up";
}
