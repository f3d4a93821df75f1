using System.Globalization;
using System.Net;
using System.Text.Json;
using ShortVideo.Uploads;

namespace ShortVideo.Cli.Upload;

/// <summary>
/// The three tus 1.0 requests a client needs (creation POST, PATCH, HEAD), without retries or state:
/// <see cref="TusUploadClient"/> adds those, the upload bench uses it bare.
/// Failures surface as <see cref="TusHttpException"/> (a status) or the transport's own exceptions.
/// </summary>
internal sealed class TusConnection
{
    // Enough for any problem+json sentence; a server that answers an error with megabytes is cut off.
    private const int MaxErrorBodyBytes = 8 * 1024;

    private readonly HttpClient _http;
    private readonly string? _authorization;

    public TusConnection(HttpClient http, string? token)
    {
        _http = http;
        _authorization = string.IsNullOrEmpty(token) ? null : "Bearer " + token;
    }

    /// <summary>Creates an upload of <paramref name="length"/> bytes; returns its absolute URL.</summary>
    public async Task<TusCreated> CreateAsync(Uri endpoint, long length, string? metadata, CancellationToken cancellationToken)
    {
        using var request = NewRequest(HttpMethod.Post, endpoint);
        request.Headers.TryAddWithoutValidation(TusHeaders.UploadLength, length.ToString(CultureInfo.InvariantCulture));
        if (!string.IsNullOrEmpty(metadata))
        {
            request.Headers.TryAddWithoutValidation(TusHeaders.UploadMetadata, metadata);
        }

        using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        if (response.StatusCode != HttpStatusCode.Created)
        {
            throw await ErrorAsync("POST", response, cancellationToken);
        }

        var location = response.Headers.Location
            ?? throw new TusProtocolException($"the server at {endpoint} created an upload but sent no Location header");
        var url = location.IsAbsoluteUri ? location : new Uri(endpoint, location);
        return new TusCreated(url, TusHeaderReader.ReadString(response.Headers, TusHeaders.VideoId));
    }

    /// <summary>Sends <paramref name="body"/> at <paramref name="offset"/>; returns the server's new offset.</summary>
    public async Task<TusPatchResult> PatchAsync(
        Uri upload, long offset, ReadOnlyMemory<byte> body, string? checksum, CancellationToken cancellationToken)
    {
        using var request = NewRequest(HttpMethod.Patch, upload);
        request.Headers.TryAddWithoutValidation(TusHeaders.UploadOffset, offset.ToString(CultureInfo.InvariantCulture));
        if (checksum is not null)
        {
            request.Headers.TryAddWithoutValidation(TusHeaders.UploadChecksum, checksum);
        }

        // ReadOnlyMemoryContent sends the caller's (pooled) buffer as is: no copy per chunk.
        using var content = new ReadOnlyMemoryContent(body);
        content.Headers.TryAddWithoutValidation("Content-Type", TusHeaders.OffsetContentType);
        request.Content = content;

        using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        if (response.StatusCode is not (HttpStatusCode.NoContent or HttpStatusCode.OK))
        {
            throw await ErrorAsync("PATCH", response, cancellationToken);
        }

        var newOffset = TusHeaderReader.ReadLong(response.Headers, TusHeaders.UploadOffset)
            ?? throw new TusProtocolException($"the server accepted a PATCH to {upload} but sent no Upload-Offset");
        return new TusPatchResult(newOffset, TusHeaderReader.ReadString(response.Headers, TusHeaders.VideoId));
    }

    /// <summary>Asks how far the upload got.</summary>
    public async Task<TusHeadResult> HeadAsync(Uri upload, CancellationToken cancellationToken)
    {
        using var request = NewRequest(HttpMethod.Head, upload);
        using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw await ErrorAsync("HEAD", response, cancellationToken);
        }

        var offset = TusHeaderReader.ReadLong(response.Headers, TusHeaders.UploadOffset)
            ?? throw new TusProtocolException($"the server answered HEAD {upload} without Upload-Offset");
        return new TusHeadResult(
            offset,
            TusHeaderReader.ReadLong(response.Headers, TusHeaders.UploadLength),
            TusHeaderReader.ReadString(response.Headers, TusHeaders.VideoId));
    }

    private HttpRequestMessage NewRequest(HttpMethod method, Uri uri)
    {
        var request = new HttpRequestMessage(method, uri);
        request.Headers.TryAddWithoutValidation(TusHeaders.TusResumable, TusHeaders.Version);
        if (_authorization is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", _authorization);
        }

        return request;
    }

    private static async Task<TusHttpException> ErrorAsync(string method, HttpResponseMessage response, CancellationToken cancellationToken)
    {
        string? detail = null;
        try
        {
            detail = await ReadDetailAsync(response, cancellationToken);
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException or JsonException)
        {
            // The status says enough; a body we cannot read must not hide it.
        }

        return new TusHttpException(method, response.StatusCode, detail, RetryAfter(response));
    }

    private static async Task<string?> ReadDetailAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        await using (stream)
        {
            var buffer = new byte[MaxErrorBodyBytes];
            var length = 0;
            int read;
            while (length < buffer.Length && (read = await stream.ReadAsync(buffer.AsMemory(length), cancellationToken)) > 0)
            {
                length += read;
            }

            return ProblemDetail.Extract(response.Content.Headers.ContentType?.MediaType, buffer.AsSpan(0, length));
        }
    }

    private static TimeSpan? RetryAfter(HttpResponseMessage response)
    {
        var retryAfter = response.Headers.RetryAfter;
        if (retryAfter?.Delta is { } delta)
        {
            return delta;
        }

        return retryAfter?.Date is { } date ? date - DateTimeOffset.UtcNow : null;
    }
}

internal readonly record struct TusCreated(Uri UploadUrl, string? VideoId);

internal readonly record struct TusPatchResult(long Offset, string? VideoId);

internal readonly record struct TusHeadResult(long Offset, long? Length, string? VideoId);
