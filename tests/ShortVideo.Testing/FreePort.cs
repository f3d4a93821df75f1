using System.Net;
using System.Net.Sockets;

namespace ShortVideo.Testing;

/// <summary>Free TCP ports on the loopback address for servers that tests start.</summary>
public static class FreePort
{
    /// <summary>
    /// A port nothing listens on right now. Another process may take it before the caller binds it,
    /// so fixtures that start servers retry with a new port when the bind fails.
    /// </summary>
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
