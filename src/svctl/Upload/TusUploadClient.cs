using System.Diagnostics;
using System.Net;
using ShortVideo.Cli.Videos;

namespace ShortVideo.Cli.Upload;

/// <summary>
/// A resumable tus 1.0 upload of one local file: creation (or resume from saved state), chunked PATCHes with
/// per-chunk checksums, retries, and the file's SHA-256 computed on the way. Callable in-process by tests.
/// </summary>
internal sealed partial class TusUploadClient : IDisposable
{
    private readonly TusUploadOptions _options;
    private readonly HttpClient _http;
    private readonly bool _ownsHttp;
    private readonly TusConnection _tus;
    private readonly UploadRetry _retry;
    private readonly UploadStateStore _states;
    private bool _unreachableReported;

    public TusUploadClient(TusUploadOptions options, HttpClient? httpClient = null)
    {
        _options = options;
        _ownsHttp = httpClient is null;
        _http = httpClient ?? CreateHttpClient();
        _tus = new TusConnection(_http, options.Token);
        _retry = new UploadRetry(options, ReportUnreachable);
        _states = new UploadStateStore(options.StateDirectory ?? UploadStateStore.DefaultDirectory());
    }

    /// <summary>
    /// An HttpClient for tus traffic. Timeouts are per request (see <see cref="TusUploadOptions.RequestTimeoutBase"/>),
    /// so the client-wide one is off: a large chunk on a slow link must not hit a fixed 100 s.
    /// </summary>
    public static HttpClient CreateHttpClient()
    {
        var handler = new SocketsHttpHandler
        {
            ConnectTimeout = TimeSpan.FromSeconds(10),
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            AutomaticDecompression = DecompressionMethods.None,
            UseCookies = false,
        };
        return new HttpClient(handler, disposeHandler: true) { Timeout = Timeout.InfiniteTimeSpan };
    }

    /// <summary>
    /// Uploads <paramref name="path"/>; resumes a previous run of the same file (same path, size and mtime).
    /// Throws <see cref="UploadFailedException"/> with a readable sentence, or <see cref="OperationCanceledException"/>
    /// after saving the state when <paramref name="cancellationToken"/> fires.
    /// </summary>
    public async Task<UploadResult> UploadFileAsync(string path, IProgress<UploadProgress>? progress, CancellationToken cancellationToken)
    {
        var stopwatch = Stopwatch.StartNew();
        using var file = SourceFile.Open(path);
        using var hash = new FileHashCursor(file);

        var session = await StartAsync(file, cancellationToken);
        var startOffset = session.Offset;
        try
        {
            await TransferAsync(session, file, hash, progress, cancellationToken);
        }
        catch (Exception ex) when (ex is OperationCanceledException or UploadFailedException)
        {
            // Ctrl+C, or a failure a later run may get past (server down): keep the way back to these bytes.
            SaveState(file, session);
            throw;
        }

        _states.Delete(file.FullPath, file.Length, file.ModifiedUtcTicks);
        var seconds = stopwatch.Elapsed.TotalSeconds;
        return new UploadResult
        {
            VideoId = session.VideoId,
            UploadUrl = session.Url.AbsoluteUri,
            SizeBytes = file.Length,
            Sha256 = hash.HexDigest(),
            Resumed = session.Resumed,
            ResumedFromOffset = startOffset,
            Seconds = Math.Round(seconds, 3),
            ThroughputMBps = seconds > 0 ? Math.Round((file.Length - startOffset) / seconds / 1e6, 2) : 0,
        };
    }

    public void Dispose()
    {
        if (_ownsHttp)
        {
            _http.Dispose();
        }
    }

    /// <summary>Resumes from saved state when the server still has the upload, else creates a new one.</summary>
    private async Task<UploadSession> StartAsync(SourceFile file, CancellationToken cancellationToken)
    {
        var endpoint = _options.Endpoint.AbsoluteUri;
        var state = _states.TryLoad(file.FullPath, file.Length, file.ModifiedUtcTicks);
        if (state is not null && Uri.TryCreate(state.UploadUrl, UriKind.Absolute, out var url))
        {
            if (state.Server != endpoint)
            {
                Notice($"a previous upload of {file.Name} went to {state.Server}; starting a new one on {endpoint}");
            }
            else if (VisibilityName(state.Visibility) != VisibilityName(_options.Visibility))
            {
                // Continuing would publish the video with the visibility of the first run, not the one asked for now.
                Notice($"the previous upload of {file.Name} was {VisibilityName(state.Visibility)}; starting a new {VisibilityName(_options.Visibility)} one");
            }
            else if (await HeadForResumeAsync(url, cancellationToken) is { } head)
            {
                if (head.Length is null || head.Length == file.Length)
                {
                    Notice($"resuming {file.Name} at {ByteSize.Format(head.Offset)} of {ByteSize.Format(file.Length)}");
                    return new UploadSession(url, head.Offset, resumed: true, head.VideoId);
                }

                Notice($"the server's upload of {file.Name} has another length; starting over");
            }
            else
            {
                Notice($"the previous upload of {file.Name} is gone from the server; starting over");
            }
        }

        var created = await CreateAsync(file, cancellationToken);
        var session = new UploadSession(created.UploadUrl, 0, resumed: false, created.VideoId);

        // Written before the first byte goes out, so even a kill -9 mid-chunk can resume.
        SaveState(file, session);
        return session;
    }

    /// <summary>HEADs a saved upload URL; null when the server says it is gone (404/410).</summary>
    private ValueTask<TusHeadResult?> HeadForResumeAsync(Uri url, CancellationToken cancellationToken) =>
        _retry.ExecuteAsync(
            static async (request, token) =>
            {
                try
                {
                    using var timeout = request.Client.RequestTimeout(0, token);
                    return await request.Client._tus.HeadAsync(request.Url, timeout.Token);
                }
                catch (TusHttpException ex) when (ex.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Gone)
                {
                    return (TusHeadResult?)null;
                }
            },
            (Client: this, Url: url),
            cancellationToken);

    /// <summary>POSTs the creation; a lost answer to one that did succeed leaves an orphan upload, which the server's expiry sweeps.</summary>
    private ValueTask<TusCreated> CreateAsync(SourceFile file, CancellationToken cancellationToken) =>
        _retry.ExecuteAsync(
            static async (request, token) =>
            {
                using var timeout = request.Client.RequestTimeout(0, token);
                return await request.Client._tus.CreateAsync(request.Client._options.Endpoint, request.Length, request.Metadata, timeout.Token);
            },
            (Client: this, Length: file.Length, Metadata: UploadMetadata.Build(file.Name, _options.Caption, _options.Visibility)),
            cancellationToken);

    private void SaveState(SourceFile file, UploadSession session)
    {
        try
        {
            _states.Save(new UploadState
            {
                FilePath = file.FullPath,
                SizeBytes = file.Length,
                ModifiedUtcTicks = file.ModifiedUtcTicks,
                Server = _options.Endpoint.AbsoluteUri,
                UploadUrl = session.Url.AbsoluteUri,
                CreatedAt = DateTimeOffset.UtcNow,
                LastKnownOffset = session.Offset,
                Visibility = _options.Visibility,
            });
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            Notice($"cannot save resume state in {_states.Directory} ({ex.Message}); an interrupted upload will start over");
        }
    }

    private CancellationTokenSource RequestTimeout(int bodyBytes, CancellationToken cancellationToken)
    {
        var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.RequestTimeoutBase + TimeSpan.FromSeconds(bodyBytes / (double)_options.MinBytesPerSecond));
        return timeout;
    }

    private void Notice(string message) => _options.Notice?.Invoke(message);

    /// <summary>
    /// Before the first retry of a refused connection: retries alone look like a hang (about 50 s with the default
    /// attempts), while a refusal means nothing listens there, most often because no node was started.
    /// </summary>
    private void ReportUnreachable(Exception failure)
    {
        if (!_unreachableReported && ServerUnreachable.IsConnectionRefused(failure))
        {
            _unreachableReported = true;
            Notice(ServerUnreachable.Sentence(_options.Endpoint) + "; retrying");
        }
    }

    private static string VisibilityName(string? visibility) => visibility ?? "public";

    /// <summary>The upload being worked on; mutable so an interruption can save the last known offset.</summary>
    private sealed class UploadSession
    {
        public UploadSession(Uri url, long offset, bool resumed, string? videoId)
        {
            Url = url;
            Offset = offset;
            Resumed = resumed;
            VideoId = videoId;
        }

        public Uri Url { get; }

        public long Offset { get; set; }

        public bool Resumed { get; }

        public string? VideoId { get; set; }
    }
}
