using System.Net;
using System.Net.Sockets;

namespace ShortVideo.Cli.Bench;

internal static class LoopbackPort
{
    /// <summary>A port free on 127.0.0.1 right now (the OS picks it); a child binds it a moment later.</summary>
    public static int Free()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
