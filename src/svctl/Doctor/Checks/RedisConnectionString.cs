using System.Globalization;
using System.Net;
using StackExchange.Redis;

namespace ShortVideo.Cli.Doctor.Checks;

/// <summary>
/// Redis:ConnectionString as StackExchange.Redis options: the client's own form ("host:port,password=...") or the
/// "redis://[user:password@]host:port[/db]" URL that NodeConfiguration documents, which the client does not read.
/// </summary>
internal static class RedisConnectionString
{
    private const int DefaultPort = 6379;

    /// <summary>Null when the text names no usable server.</summary>
    public static ConfigurationOptions? TryParse(string connectionString)
    {
        var text = connectionString.Trim();
        ConfigurationOptions options;
        if (text.StartsWith("redis://", StringComparison.OrdinalIgnoreCase) || text.StartsWith("rediss://", StringComparison.OrdinalIgnoreCase))
        {
            if (FromUrl(text) is not { } fromUrl)
            {
                return null;
            }

            options = fromUrl;
        }
        else
        {
            try
            {
                options = ConfigurationOptions.Parse(text);
            }
            catch (ArgumentException)
            {
                // "No endpoints specified", a port above 65535, an unknown option...
                return null;
            }
        }

        options.SetDefaultPorts();

        // The client takes ":6379" as a host named ":6379"; no DNS name looks like that.
        foreach (var endpoint in options.EndPoints)
        {
            if (endpoint is DnsEndPoint dns && Uri.CheckHostName(dns.Host) == UriHostNameType.Unknown)
            {
                return null;
            }
        }

        return options.EndPoints.Count > 0 ? options : null;
    }

    private static ConfigurationOptions? FromUrl(string text)
    {
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || uri.Host.Length == 0)
        {
            return null;
        }

        var options = new ConfigurationOptions { Ssl = uri.Scheme.Equals("rediss", StringComparison.OrdinalIgnoreCase) };
        options.EndPoints.Add(uri.Host.Trim('[', ']'), uri.IsDefaultPort || uri.Port < 0 ? DefaultPort : uri.Port);

        // "user:password@", ":password@" (no ACL user), or "user@".
        if (uri.UserInfo.Length > 0)
        {
            var colon = uri.UserInfo.IndexOf(':', StringComparison.Ordinal);
            var user = Uri.UnescapeDataString(colon < 0 ? uri.UserInfo : uri.UserInfo[..colon]);
            options.User = user.Length > 0 ? user : null;
            options.Password = colon < 0 ? null : Uri.UnescapeDataString(uri.UserInfo[(colon + 1)..]);
        }

        var database = uri.AbsolutePath.Trim('/');
        if (database.Length > 0)
        {
            if (!int.TryParse(database, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
            {
                return null;
            }

            options.DefaultDatabase = number;
        }

        return options;
    }
}
