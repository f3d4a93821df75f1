using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Http;

namespace ShortVideo.Cli.Up;

/// <summary>
/// Whether the addresses a node is about to listen on are free, checked before the node is built: Kestrel finds out
/// only after the node has started its services (the SQLite database is created by then) and reports it with a
/// stack trace. A probe binds and listens on each address the way Kestrel will, then lets go at once.
/// </summary>
internal static class ListenAddressCheck
{
    /// <summary>The first of <paramref name="urls"/> (';'-separated, Kestrel's forms) whose port is in use; null when none is.</summary>
    public static string? FindTaken(string urls)
    {
        foreach (var url in urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            BindingAddress address;
            try
            {
                address = BindingAddress.Parse(url);
            }
            catch (FormatException)
            {
                continue; // Kestrel refuses it with its own sentence.
            }

            if (address.IsUnixPipe || address.Port == 0)
            {
                continue;
            }

            foreach (var ip in Candidates(address.Host))
            {
                if (InUse(ip, address.Port))
                {
                    return url;
                }
            }
        }

        return null;
    }

    /// <summary>What Kestrel binds for a host: the IP itself, both loopbacks for localhost, and any address otherwise.</summary>
    private static IEnumerable<IPAddress> Candidates(string host)
    {
        if (IPAddress.TryParse(host.Trim('[', ']'), out var ip))
        {
            return [ip];
        }

        if (string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase))
        {
            return Socket.OSSupportsIPv6 ? [IPAddress.Loopback, IPAddress.IPv6Loopback] : [IPAddress.Loopback];
        }

        return Socket.OSSupportsIPv6 ? [IPAddress.IPv6Any] : [IPAddress.Any];
    }

    private static bool InUse(IPAddress ip, int port)
    {
        try
        {
            using var socket = new Socket(ip.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
            if (ip.Equals(IPAddress.IPv6Any))
            {
                socket.DualMode = true; // as Kestrel listens on "*": IPv4 and IPv6 together
            }

            socket.Bind(new IPEndPoint(ip, port));
            socket.Listen();
            return false;
        }
        catch (SocketException ex) when (ex.SocketErrorCode == SocketError.AddressAlreadyInUse)
        {
            return true;
        }
        catch (SocketException)
        {
            // Not ours to judge (no such local address, a privileged port): Kestrel reports those itself.
            return false;
        }
    }
}
