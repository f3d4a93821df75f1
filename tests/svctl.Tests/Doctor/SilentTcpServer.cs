using System.Net;
using System.Net.Sockets;
using ShortVideo.Cli.Doctor;

namespace svctl.Tests.Doctor;

/// <summary>
/// A loopback listener that accepts connections into its backlog and never reads or answers: a server that hangs
/// after the TCP handshake, which only a check's own timeout gets past.
/// </summary>
internal sealed class SilentTcpServer : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);

    public SilentTcpServer() => _listener.Start();

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>Runs <paramref name="check"/> and asserts it came back well within the minutes a hung connection could take.</summary>
    public static async Task<CheckResult> RunBoundedAsync(IDoctorCheck check)
    {
        var started = TimeProvider.System.GetTimestamp();
        var result = await check.RunAsync(CancellationToken.None);
        Assert.True(TimeProvider.System.GetElapsedTime(started) < TimeSpan.FromSeconds(10), "the check outlived its timeout");
        return result;
    }

    public void Dispose() => _listener.Dispose();
}
