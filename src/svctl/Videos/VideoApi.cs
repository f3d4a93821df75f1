using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using ShortVideo.Cli.Upload;

namespace ShortVideo.Cli.Videos;

/// <summary>
/// The node's video API as svctl uses it: one video (GET /api/v1/videos/{id}) and the caller's list
/// (GET /api/v1/videos?limit=&amp;cursor=). Failures become <see cref="VideoApiException"/> with one sentence.
/// </summary>
internal sealed class VideoApi : IDisposable
{
    /// <summary>Where the node serves videos, relative to the server URL.</summary>
    public const string VideosPath = "api/v1/videos";

    // Longest an id argument may be: ids are short; anything longer is a paste gone wrong, refused before any request.
    private const int MaxIdLength = 128;
    private const int MaxBodyBytes = 4 * 1024 * 1024;

    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(30);

    private readonly HttpClient _http;
    private readonly bool _ownsHttp;
    private readonly AuthenticationHeaderValue _authorization;

    public VideoApi(Uri server, string token, HttpClient? http = null)
    {
        Server = server;
        _authorization = new AuthenticationHeaderValue("Bearer", token);
        _ownsHttp = http is null;
        _http = http ?? new HttpClient(new SocketsHttpHandler { ConnectTimeout = TimeSpan.FromSeconds(10), UseCookies = false })
        {
            Timeout = Timeout.InfiniteTimeSpan,
        };
    }

    /// <summary>The server's base URL, ending with a slash.</summary>
    public Uri Server { get; }

    /// <summary>
    /// <c>--server</c> of the video commands: <c>http://host:port</c>, or a URL with a path prefix (a node behind a
    /// proxy). The tus endpoint that <c>svctl upload --server</c> also accepts works too: its <c>api/v1/uploads</c> is dropped.
    /// </summary>
    public static bool TryResolveServer(string? text, out Uri server, out string error)
    {
        server = null!;
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            error = $"invalid server URL '{text}': use http://host:port";
            return false;
        }

        server = ServerOf(uri);
        error = string.Empty;
        return true;
    }

    /// <summary>The server a tus endpoint of our node belongs to: the endpoint without <c>api/v1/uploads</c>, else its path as given.</summary>
    public static Uri ServerOf(Uri endpoint)
    {
        var path = endpoint.AbsolutePath;
        var tus = "/" + TusEndpoint.DefaultPath;
        var trimmed = path.TrimEnd('/');
        if (trimmed.EndsWith(tus, StringComparison.Ordinal))
        {
            path = trimmed[..^tus.Length];
        }

        var builder = new UriBuilder(endpoint) { Path = path.EndsWith('/') ? path : path + "/", Query = string.Empty, Fragment = string.Empty };
        return builder.Uri;
    }

    /// <summary>A sentence when <paramref name="id"/> cannot be a video id (empty, too long, control characters), else null.</summary>
    public static string? CheckId(string? id) => id switch
    {
        null or "" => "no video id given",
        { Length: > MaxIdLength } => $"'{id[..16]}…' is not a video id (longer than {MaxIdLength} characters)",
        _ when id.Any(char.IsControl) || id.Any(char.IsWhiteSpace) => $"'{VideoText.OneLine(id)}' is not a video id (it contains spaces or control characters)",

        // Escaping keeps '/' inside the id, but a dot segment would still move the request up the path.
        "." or ".." => $"'{id}' is not a video id",
        _ => null,
    };

    public async Task<VideoSnapshot> GetAsync(string id, CancellationToken cancellationToken)
    {
        using var json = await GetJsonAsync($"{VideosPath}/{Uri.EscapeDataString(id)}", cancellationToken).ConfigureAwait(false);
        return Read(() => VideoSnapshot.From(json.RootElement));
    }

    public async Task<VideoListPage> ListAsync(int? limit, string? cursor, CancellationToken cancellationToken)
    {
        var query = new List<string>(2);
        if (limit is { } l)
        {
            query.Add("limit=" + l.ToString(CultureInfo.InvariantCulture));
        }

        if (!string.IsNullOrEmpty(cursor))
        {
            query.Add("cursor=" + Uri.EscapeDataString(cursor));
        }

        var path = query.Count == 0 ? VideosPath : VideosPath + "?" + string.Join('&', query);
        using var json = await GetJsonAsync(path, cancellationToken).ConfigureAwait(false);
        return Read(() =>
        {
            var root = json.RootElement;
            var items = root.GetProperty("items").EnumerateArray().Select(VideoSnapshot.From).ToArray();
            var next = root.TryGetProperty("nextCursor", out var n) && n.ValueKind == JsonValueKind.String ? n.GetString() : null;
            return new VideoListPage(items, next, root.GetRawText());
        });
    }

    public void Dispose()
    {
        if (_ownsHttp)
        {
            _http.Dispose();
        }
    }

    private async Task<JsonDocument> GetJsonAsync(string relative, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(Server, relative));
        request.Headers.Authorization = _authorization;
        request.Headers.Accept.ParseAdd("application/json");
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(RequestTimeout);
        try
        {
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token).ConfigureAwait(false);
            var body = await ReadBodyAsync(response, timeout.Token).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                throw Refused(response, body);
            }

            try
            {
                return JsonDocument.Parse(body);
            }
            catch (JsonException)
            {
                throw NotOurNode(null);
            }
        }
        catch (HttpRequestException ex)
        {
            throw ServerUnreachable.IsConnectionRefused(ex)
                ? new VideoApiException(ServerUnreachable.Sentence(Server), transient: true, ex)
                : new VideoApiException($"cannot reach {Authority}: {ex.Message}", transient: true, ex);
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new VideoApiException($"{Authority} did not answer within {RequestTimeout.TotalSeconds:0} s", transient: true, ex);
        }
    }

    private string Authority => Server.GetLeftPart(UriPartial.Authority);

    private static async Task<byte[]> ReadBodyAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        // A list page is small; a server that streams more than this is not our node.
        if (response.Content.Headers.ContentLength > MaxBodyBytes)
        {
            throw new VideoApiException($"the answer ({response.Content.Headers.ContentLength} bytes) is too large to be a video", transient: false);
        }

        var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            using var buffer = new MemoryStream();
            var chunk = new byte[81920];
            int read;
            while ((read = await stream.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
            {
                if (buffer.Length + read > MaxBodyBytes)
                {
                    throw new VideoApiException("the answer is too large to be a video", transient: false);
                }

                buffer.Write(chunk, 0, read);
            }

            return buffer.ToArray();
        }
    }

    private VideoApiException Refused(HttpResponseMessage response, byte[] body)
    {
        var status = (int)response.StatusCode;
        var detail = ProblemDetail.Extract(response.Content.Headers.ContentType?.MediaType, body);
        var said = detail is null ? $"{status}" : $"{status}: {detail}";
        return response.StatusCode switch
        {
            HttpStatusCode.Unauthorized => new VideoApiException($"the server refused the token ({said}); mint one with: ./svctl token --user NAME", transient: false),
            HttpStatusCode.NotFound => new VideoApiException(detail ?? $"{Authority} has no video API (404): is it a ShortVideo node?", transient: false),
            _ when status >= 500 => new VideoApiException($"the server failed ({said})", transient: true),
            _ => new VideoApiException($"the server refused the request ({said})", transient: false),
        };
    }

    private T Read<T>(Func<T> read)
    {
        try
        {
            return read();
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            throw NotOurNode(ex);
        }
    }

    private VideoApiException NotOurNode(Exception? inner) =>
        new($"{Authority} did not answer like a ShortVideo node (the JSON is not a video)", transient: false, inner);
}
