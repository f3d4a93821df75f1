namespace svctl.Tests.Upload;

/// <summary>
/// Sits between the client and a real server: records every request (method, Upload-Offset, body size,
/// checksum) and can answer a request itself to inject a failure the real server would not produce on cue.
/// </summary>
internal sealed class RecordingHandler : DelegatingHandler
{
    private readonly List<RecordedRequest> _requests = [];

    public RecordingHandler()
        : base(new SocketsHttpHandler())
    {
    }

    /// <summary>Returns a response to short-circuit the request (the server never sees it), or null to forward it.</summary>
    public Func<HttpRequestMessage, int, HttpResponseMessage?>? Intercept { get; set; }

    /// <summary>Runs before a request is forwarded (e.g. to look at the disk at that moment).</summary>
    public Action<HttpRequestMessage>? BeforeSend { get; set; }

    public IReadOnlyList<RecordedRequest> Requests
    {
        get
        {
            lock (_requests)
            {
                return [.. _requests];
            }
        }
    }

    public long PatchBytes => Requests.Where(r => r.Method == "PATCH").Sum(r => r.BodyBytes);

    public void Clear()
    {
        lock (_requests)
        {
            _requests.Clear();
        }
    }

    public HttpClient CreateClient() => new(this, disposeHandler: false) { Timeout = Timeout.InfiniteTimeSpan };

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        int index;
        lock (_requests)
        {
            index = _requests.Count;
            _requests.Add(new RecordedRequest(
                request.Method.Method,
                Header(request, "Upload-Offset") is { } offset ? long.Parse(offset) : null,
                request.Content?.Headers.ContentLength ?? 0,
                Header(request, "Upload-Checksum"),
                Header(request, "Tus-Resumable"),
                Header(request, "Authorization")));
        }

        if (Intercept?.Invoke(request, index) is { } injected)
        {
            injected.RequestMessage = request;
            return injected;
        }

        BeforeSend?.Invoke(request);
        return await base.SendAsync(request, cancellationToken);
    }

    private static string? Header(HttpRequestMessage request, string name) =>
        request.Headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;
}

internal sealed record RecordedRequest(string Method, long? UploadOffset, long BodyBytes, string? Checksum, string? TusResumable, string? Authorization);
