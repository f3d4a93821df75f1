using System.Globalization;

namespace ShortVideo.Cli.Doctor.Checks;

/// <summary>A host and a TCP port, parsed from the forms connection strings use.</summary>
internal readonly record struct Endpoint(string Host, int Port)
{
    public override string ToString() =>
        Host.Contains(':', StringComparison.Ordinal) ? $"[{Host}]:{Port}" : $"{Host}:{Port}";

    /// <summary>"host", "host:port", "[v6]:port" or "[v6]"; a port, when given, must be 1-65535.</summary>
    public static bool TryParse(string? text, int defaultPort, out Endpoint endpoint)
    {
        endpoint = default;
        var value = text?.Trim() ?? string.Empty;
        string host;
        string? port = null;
        if (value.StartsWith('['))
        {
            var close = value.IndexOf(']', StringComparison.Ordinal);
            if (close < 0)
            {
                return false;
            }

            host = value[1..close];
            var rest = value[(close + 1)..];
            if (rest.Length > 0)
            {
                if (rest[0] != ':')
                {
                    return false;
                }

                port = rest[1..];
            }
        }
        else
        {
            var colon = value.LastIndexOf(':');
            if (colon >= 0 && value.IndexOf(':', StringComparison.Ordinal) != colon)
            {
                host = value; // a bare IPv6 address
            }
            else
            {
                host = colon < 0 ? value : value[..colon];
                port = colon < 0 ? null : value[(colon + 1)..];
            }
        }

        var number = defaultPort;
        if (host.Length == 0
            || (port is not null && (!int.TryParse(port, NumberStyles.None, CultureInfo.InvariantCulture, out number) || number is < 1 or > 65535)))
        {
            return false;
        }

        endpoint = new Endpoint(host, number);
        return true;
    }
}
