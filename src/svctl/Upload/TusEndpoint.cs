namespace ShortVideo.Cli.Upload;

/// <summary>Turns <c>--server</c> into the tus creation endpoint.</summary>
internal static class TusEndpoint
{
    /// <summary>Where our node serves tus (DESIGN.md public contract).</summary>
    public const string DefaultPath = "api/v1/uploads";

    /// <summary>
    /// A bare server (<c>http://host:8080</c>) gets <see cref="DefaultPath"/>; a URL with a path is taken as the
    /// endpoint itself, so the same client talks to any tus server (<c>http://127.0.0.1:1080/files</c>).
    /// </summary>
    public static bool TryResolve(string? server, out Uri endpoint, out string error)
    {
        endpoint = null!;
        if (!Uri.TryCreate(server, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            error = $"invalid server URL '{server}': use http://host:port or a full tus endpoint URL";
            return false;
        }

        endpoint = uri.AbsolutePath is "" or "/" ? new Uri(uri, "/" + DefaultPath) : uri;
        error = string.Empty;
        return true;
    }
}
