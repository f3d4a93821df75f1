using System.Net;
using System.Text;
using ShortVideo.Cli.Upload;
using ShortVideo.Testing;

namespace svctl.Tests.Upload;

/// <summary>The upload client against a real reference tus server (@tus/server with its file store).</summary>
public sealed class TusUploadClientTests : IDisposable
{
    private const int MiB = 1024 * 1024;

    private readonly UploadTestFiles _files = new();
    private readonly RecordingHandler _handler = new();
    private readonly List<string> _notices = [];

    [Fact]
    public async Task A_12_MiB_file_uploads_in_5_MiB_chunks_and_the_stored_bytes_hash_like_the_source()
    {
        await using var peer = await TusPeerServer.StartAsync();
        var source = _files.CreateSource("clip.mp4", 12 * MiB);
        var progress = new RecordingProgress();

        var result = await UploadAsync(peer, source, progress);

        var patches = _handler.Requests.Where(r => r.Method == "PATCH").ToArray();
        Assert.Equal([5L * MiB, 5L * MiB, 2L * MiB], patches.Select(p => p.BodyBytes));
        Assert.Equal([0L, 5L * MiB, 10L * MiB], patches.Select(p => p.UploadOffset ?? -1));
        Assert.All(patches, p => Assert.StartsWith("sha256 ", p.Checksum));
        Assert.All(_handler.Requests, r => Assert.Equal("1.0.0", r.TusResumable));
        Assert.All(_handler.Requests, r => Assert.Equal("Bearer test-token", r.Authorization));

        var expected = UploadTestFiles.Sha256Of(source);
        Assert.Equal(expected, result.Sha256);
        Assert.Equal(expected, UploadTestFiles.Sha256Of(peer.StoredFilePath(new Uri(result.UploadUrl))));
        Assert.Equal(12L * MiB, result.SizeBytes);
        Assert.False(result.Resumed);
        Assert.Null(result.VideoId);
        Assert.Equal(12L * MiB, progress.Values[^1].BytesUploaded);
    }

    [Fact]
    public async Task The_metadata_carries_the_file_name_only_its_guessed_type_and_the_caption()
    {
        await using var peer = await TusPeerServer.StartAsync();
        var source = _files.CreateSource("holiday.mov", 64 * 1024);

        var result = await UploadAsync(peer, source, options: o => o with { Caption = "sunset, beach" });

        var info = await File.ReadAllTextAsync(peer.StoredFilePath(new Uri(result.UploadUrl)) + ".json");
        Assert.Contains("\"filename\":\"holiday.mov\"", info);
        Assert.Contains("\"filetype\":\"video/quicktime\"", info);
        Assert.Contains("\"caption\":\"sunset, beach\"", info);
    }

    [Fact]
    public async Task An_upload_cancelled_after_the_first_chunk_resumes_from_the_servers_offset_on_the_next_run()
    {
        await using var peer = await TusPeerServer.StartAsync();
        var source = _files.CreateSource("clip.mp4", 12 * MiB);
        using var cancel = new CancellationTokenSource();
        var cancelAfterFirstChunk = new RecordingProgress(p =>
        {
            if (p.BytesUploaded > 0)
            {
                cancel.Cancel();
            }
        });

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => UploadAsync(peer, source, cancelAfterFirstChunk, cancellationToken: cancel.Token));
        Assert.Equal(5L * MiB, _handler.PatchBytes);
        Assert.Single(_files.StateFiles());

        _handler.Clear();
        var result = await UploadAsync(peer, source);

        Assert.True(result.Resumed);
        Assert.Equal(5L * MiB, result.ResumedFromOffset);
        Assert.Equal(7L * MiB, _handler.PatchBytes);
        Assert.Equal("HEAD", _handler.Requests[0].Method);
        Assert.DoesNotContain(_handler.Requests, r => r.Method == "POST");
        Assert.Equal(UploadTestFiles.Sha256Of(source), result.Sha256);
        Assert.Equal(result.Sha256, UploadTestFiles.Sha256Of(peer.StoredFilePath(new Uri(result.UploadUrl))));
        Assert.Contains(_notices, n => n.StartsWith("resuming clip.mp4 at 5.0 MiB", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_resume_state_is_on_disk_before_the_first_chunk_is_sent()
    {
        await using var peer = await TusPeerServer.StartAsync();
        var source = _files.CreateSource("clip.mp4", MiB);
        var stateFilesAtFirstPatch = -1;
        _handler.BeforeSend = request =>
        {
            if (request.Method == HttpMethod.Patch && stateFilesAtFirstPatch < 0)
            {
                stateFilesAtFirstPatch = _files.StateFiles().Length;
            }
        };

        await UploadAsync(peer, source);

        Assert.Equal(1, stateFilesAtFirstPatch);
    }

    [Fact]
    public async Task The_state_of_a_finished_upload_is_deleted()
    {
        await using var peer = await TusPeerServer.StartAsync();
        var source = _files.CreateSource("clip.mp4", 3 * MiB);

        await UploadAsync(peer, source);

        Assert.Empty(_files.StateFiles());
    }

    [Fact]
    public async Task A_saved_upload_the_server_no_longer_knows_starts_over()
    {
        await using var peer = await TusPeerServer.StartAsync();
        var source = _files.CreateSource("clip.mp4", 2 * MiB);
        var info = new FileInfo(source);
        new UploadStateStore(_files.StateDirectory).Save(new UploadState
        {
            FilePath = info.FullName,
            SizeBytes = info.Length,
            ModifiedUtcTicks = info.LastWriteTimeUtc.Ticks,
            Server = peer.Endpoint.AbsoluteUri,
            UploadUrl = peer.Endpoint.AbsoluteUri + "/0123456789abcdef0123456789abcdef",
        });

        var result = await UploadAsync(peer, source);

        Assert.False(result.Resumed);
        Assert.Equal(["HEAD", "POST"], _handler.Requests.Take(2).Select(r => r.Method));
        Assert.Contains(_notices, n => n.Contains("starting over", StringComparison.Ordinal));
        Assert.Equal(UploadTestFiles.Sha256Of(source), UploadTestFiles.Sha256Of(peer.StoredFilePath(new Uri(result.UploadUrl))));
        Assert.Empty(_files.StateFiles());
    }

    [Fact]
    public async Task A_checksum_mismatch_resends_the_same_chunk()
    {
        await using var peer = await TusPeerServer.StartAsync();
        var source = _files.CreateSource("clip.mp4", 2 * MiB);
        var failed = false;
        _handler.Intercept = (request, _) =>
        {
            if (request.Method != HttpMethod.Patch || failed)
            {
                return null;
            }

            failed = true;
            return new HttpResponseMessage((HttpStatusCode)460);
        };

        var result = await UploadAsync(peer, source, options: o => o with { ChunkSize = MiB });

        var patches = _handler.Requests.Where(r => r.Method == "PATCH").ToArray();
        Assert.Equal([0L, 0L, (long)MiB], patches.Select(p => p.UploadOffset ?? -1));
        Assert.Equal(patches[0].Checksum, patches[1].Checksum);
        Assert.DoesNotContain(_handler.Requests, r => r.Method == "HEAD");
        Assert.Equal(UploadTestFiles.Sha256Of(source), result.Sha256);
    }

    [Fact]
    public async Task A_server_error_mid_upload_is_retried_after_a_HEAD_learns_the_offset()
    {
        await using var peer = await TusPeerServer.StartAsync();
        var source = _files.CreateSource("clip.mp4", 3 * MiB);
        var patches = 0;
        _handler.Intercept = (request, _) =>
            request.Method == HttpMethod.Patch && ++patches == 2 ? new HttpResponseMessage(HttpStatusCode.ServiceUnavailable) : null;

        var result = await UploadAsync(peer, source, options: o => o with { ChunkSize = MiB });

        Assert.Equal(["POST", "PATCH", "PATCH", "HEAD", "PATCH", "PATCH"], _handler.Requests.Select(r => r.Method));
        Assert.Equal(UploadTestFiles.Sha256Of(source), UploadTestFiles.Sha256Of(peer.StoredFilePath(new Uri(result.UploadUrl))));
    }

    [Fact]
    public async Task A_refused_token_stops_at_once_with_the_servers_detail()
    {
        await using var peer = await TusPeerServer.StartAsync();
        var source = _files.CreateSource("clip.mp4", MiB);
        _handler.Intercept = (_, _) => new HttpResponseMessage(HttpStatusCode.Unauthorized)
        {
            Content = new StringContent("""{"title":"Unauthorized","status":401,"detail":"the token has expired"}""", Encoding.UTF8, "application/problem+json"),
        };

        var failure = await Assert.ThrowsAsync<UploadFailedException>(() => UploadAsync(peer, source));

        Assert.Equal("the server refused the upload (POST answered 401 Unauthorized: the token has expired)", failure.Message);
        Assert.Single(_handler.Requests);
    }

    [Fact]
    public async Task A_server_that_is_down_fails_with_a_readable_error_after_bounded_retries()
    {
        var source = _files.CreateSource("clip.mp4", MiB);
        var nobody = new Uri($"http://127.0.0.1:{UnusedPort()}/files");
        using var http = _handler.CreateClient();
        using var client = new TusUploadClient(FastRetry(Options(nobody), attempts: 4), http);

        var failure = await Assert.ThrowsAsync<UploadFailedException>(() => client.UploadFileAsync(source, null, CancellationToken.None));

        Assert.StartsWith($"gave up after 4 attempts: cannot reach http://127.0.0.1:{nobody.Port}: ", failure.Message);
        Assert.Equal(4, _handler.Requests.Count);
        Assert.Empty(_files.StateFiles());
    }

    [Fact]
    public async Task A_refused_connection_is_named_at_once_before_the_first_retry_and_only_once()
    {
        var source = _files.CreateSource("clip.mp4", MiB);
        var nobody = new Uri($"http://127.0.0.1:{UnusedPort()}/files");
        using var http = _handler.CreateClient();
        var requestsAtNotice = new List<int>();
        var options = FastRetry(Options(nobody), attempts: 4) with
        {
            Notice = line =>
            {
                _notices.Add(line);
                requestsAtNotice.Add(_handler.Requests.Count);
            },
        };
        using var client = new TusUploadClient(options, http);

        await Assert.ThrowsAsync<UploadFailedException>(() => client.UploadFileAsync(source, null, CancellationToken.None));

        var notice = Assert.Single(_notices);
        Assert.Equal($"nothing answers at http://127.0.0.1:{nobody.Port} (connection refused): is the node running? Start one with ./svctl up; retrying", notice);
        Assert.Equal([1], requestsAtNotice);
        Assert.Equal(4, _handler.Requests.Count);
    }

    [Fact]
    public async Task A_full_node_answering_507_stops_at_once_with_its_sentence_on_one_line()
    {
        var source = _files.CreateSource("clip.mp4", MiB);
        _handler.Intercept = (_, _) => new HttpResponseMessage(HttpStatusCode.InsufficientStorage)
        {
            Content = new StringContent(
                """{"title":"Quota exceeded","status":507,"detail":"alice has used 10.0 GiB of 10.0 GiB;\r\ndelete videos \u001b[31mto upload more."}""",
                Encoding.UTF8,
                "application/problem+json"),
        };
        using var http = _handler.CreateClient();
        using var client = new TusUploadClient(Options(new Uri($"http://127.0.0.1:{UnusedPort()}/files")), http);

        var failure = await Assert.ThrowsAsync<UploadFailedException>(() => client.UploadFileAsync(source, null, CancellationToken.None));

        Assert.Equal(
            "the server refused the upload (POST answered 507 Insufficient Storage: alice has used 10.0 GiB of 10.0 GiB; delete videos [31mto upload more.)",
            failure.Message);
        Assert.Single(_handler.Requests);
    }

    public void Dispose()
    {
        _handler.Dispose();
        _files.Dispose();
    }

    internal static TusUploadOptions FastRetry(TusUploadOptions options, int attempts = 8) =>
        options with { MaxAttempts = attempts, RetryBaseDelay = TimeSpan.FromMilliseconds(1), RetryMaxDelay = TimeSpan.FromMilliseconds(5) };

    internal static int UnusedPort()
    {
        using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private TusUploadOptions Options(Uri endpoint) => FastRetry(new()
    {
        Endpoint = endpoint,
        Token = "test-token",
        ChunkSize = 5 * MiB,
        StateDirectory = _files.StateDirectory,
        Notice = _notices.Add,
    });

    private async Task<UploadResult> UploadAsync(
        TusPeerServer peer, string source, IProgress<UploadProgress>? progress = null,
        Func<TusUploadOptions, TusUploadOptions>? options = null, CancellationToken cancellationToken = default)
    {
        using var http = _handler.CreateClient();
        var settings = Options(peer.Endpoint);
        using var client = new TusUploadClient(options is null ? settings : options(settings), http);
        return await client.UploadFileAsync(source, progress, cancellationToken);
    }

    /// <summary>Synchronous, unlike Progress&lt;T&gt;, so a test can cancel between two chunks deterministically.</summary>
    private sealed class RecordingProgress(Action<UploadProgress>? onReport = null) : IProgress<UploadProgress>
    {
        public List<UploadProgress> Values { get; } = [];

        public void Report(UploadProgress value)
        {
            Values.Add(value);
            onReport?.Invoke(value);
        }
    }
}
