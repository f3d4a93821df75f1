using System.Globalization;
using System.Net.Sockets;

namespace ShortVideo.Cli.Doctor.Checks;

/// <summary>TCP connections with a deadline, and failures turned into sentences.</summary>
internal static class TcpProbe
{
    /// <summary>Three seconds: a server on the LAN answers in milliseconds; a dropped SYN would otherwise wait ~2 minutes.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(3);

    /// <summary>
    /// Connects to <paramref name="endpoint"/> and runs <paramref name="exchange"/> on the socket, all within
    /// <paramref name="timeout"/>; a failure to connect or to hear back becomes a failed check whose detail
    /// starts with <paramref name="server"/> ("Redis: connection refused by ...").
    /// </summary>
    public static async Task<CheckResult> ExchangeAsync(
        string checkName,
        string server,
        Endpoint endpoint,
        TimeSpan timeout,
        Func<Socket, CancellationToken, Task<CheckResult>> exchange,
        CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            using var socket = await ConnectAsync(endpoint, deadline.Token);
            return await exchange(socket, deadline.Token);
        }
        catch (Exception failure) when (failure is OperationCanceledException or IOException or SocketException
                                        && !cancellationToken.IsCancellationRequested)
        {
            return CheckResult.Fail(checkName, $"{server}: {Describe(failure, endpoint, timeout, deadline.IsCancellationRequested)}.");
        }
    }

    public static async Task<Socket> ConnectAsync(Endpoint endpoint, CancellationToken deadline)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(endpoint.Host, endpoint.Port, deadline);
            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>Reads until <paramref name="buffer"/> holds a CRLF-terminated line, the peer closes, or the buffer is full.</summary>
    public static async Task<int> ReadLineAsync(Socket socket, Memory<byte> buffer, CancellationToken deadline)
    {
        var filled = 0;
        while (filled < buffer.Length)
        {
            var read = await socket.ReceiveAsync(buffer[filled..], SocketFlags.None, deadline);
            if (read == 0)
            {
                break;
            }

            filled += read;
            if (buffer.Span[..filled].IndexOf("\r\n"u8) >= 0)
            {
                break;
            }
        }

        return filled;
    }

    /// <summary>"connection refused by 127.0.0.1:6390 (is the server running?)" and the like.</summary>
    public static string Describe(Exception failure, Endpoint endpoint, TimeSpan timeout, bool timedOut) => failure switch
    {
        OperationCanceledException when timedOut =>
            string.Create(CultureInfo.InvariantCulture, $"no answer from {endpoint} within {timeout.TotalSeconds:0.#} s"),
        SocketException { SocketErrorCode: SocketError.ConnectionRefused } =>
            $"connection refused by {endpoint} (is the server running?)",
        SocketException { SocketErrorCode: SocketError.HostNotFound or SocketError.NoData or SocketError.TryAgain } =>
            $"host '{endpoint.Host}' not found",
        SocketException { SocketErrorCode: SocketError.ConnectionReset } =>
            $"{endpoint} reset the connection",
        SocketException socket => $"cannot reach {endpoint}: {socket.Message}",
        _ => $"cannot reach {endpoint}: {failure.Message}",
    };
}
