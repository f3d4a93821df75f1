using System.Net;
using System.Net.Sockets;

namespace svctl.Tests.Doctor;

/// <summary>
/// A loopback server that reads what the client sends first, answers with canned bytes and closes: enough
/// to stand in for a PostgreSQL server's SSLRequest answer or an HTTP server's status line.
/// </summary>
internal sealed class CannedTcpServer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    public CannedTcpServer(byte[] answer)
    {
        _listener.Start();
        _loop = ServeAsync(answer);
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public List<byte[]> Received { get; } = [];

    private async Task ServeAsync(byte[] answer)
    {
        try
        {
            while (true)
            {
                using var client = await _listener.AcceptTcpClientAsync(_stop.Token);
                var stream = client.GetStream();
                var buffer = new byte[4096];
                var read = await stream.ReadAsync(buffer, _stop.Token);
                lock (Received)
                {
                    Received.Add(buffer[..read]);
                }

                await stream.WriteAsync(answer, _stop.Token);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _loop;
        _stop.Dispose();
    }
}
