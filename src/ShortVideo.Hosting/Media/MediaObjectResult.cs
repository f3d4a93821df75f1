using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Headers;
using Microsoft.Net.Http.Headers;
using ShortVideo.Media.Storage;

namespace ShortVideo.Hosting.Media;

/// <summary>
/// Writes a stored media file with HTTP caching and byte ranges: a strong ETag and Last-Modified,
/// If-None-Match / If-Modified-Since answered with 304, one "bytes=" range answered with 206 (players ask
/// for ranges of segments), an unsatisfiable range with 416. Several ranges in one request get the whole
/// file (RFC 9110 allows it; no player asks for multipart ranges).
/// </summary>
internal sealed class MediaObjectResult(MediaObject media, string contentType) : IResult
{
    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var request = httpContext.Request;
        var response = httpContext.Response;
        var headers = response.GetTypedHeaders();
        headers.ETag = new EntityTagHeaderValue(media.EntityTag);
        headers.LastModified = media.LastModified;
        response.Headers.AcceptRanges = "bytes";
        response.ContentType = contentType;

        if (NotModified(request.GetTypedHeaders()))
        {
            response.StatusCode = StatusCodes.Status304NotModified;
            return;
        }

        long offset = 0;
        var count = media.Length;
        if (TryGetRange(request, media.Length, out var range))
        {
            if (range is not var (from, to))
            {
                response.StatusCode = StatusCodes.Status416RangeNotSatisfiable;
                headers.ContentRange = new ContentRangeHeaderValue(media.Length);
                return;
            }

            offset = from;
            count = to - from + 1;
            response.StatusCode = StatusCodes.Status206PartialContent;
            headers.ContentRange = new ContentRangeHeaderValue(from, to, media.Length);
        }

        response.ContentLength = count;
        if (HttpMethods.IsHead(request.Method) || count == 0)
        {
            return;
        }

        var stream = await media.OpenAsync(offset, count, httpContext.RequestAborted).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            await stream.CopyToAsync(response.Body, httpContext.RequestAborted).ConfigureAwait(false);
        }
    }

    private bool NotModified(RequestHeaders request)
    {
        if (request.IfNoneMatch is { Count: > 0 } tags)
        {
            foreach (var tag in tags)
            {
                if (tag.Equals(EntityTagHeaderValue.Any) || string.Equals(tag.Tag.Value, media.EntityTag, StringComparison.Ordinal))
                {
                    return true;
                }
            }

            return false;
        }

        return request.IfModifiedSince is { } since && media.LastModified <= since.AddSeconds(1);
    }

    /// <summary>
    /// False when the request has no usable single range (serve everything). True with null when the range
    /// cannot be satisfied, true with [from, to] (inclusive) otherwise. If-Range with another ETag: no range.
    /// </summary>
    private bool TryGetRange(HttpRequest request, long length, out (long From, long To)? range)
    {
        range = null;
        var typed = request.GetTypedHeaders();
        if (typed.Range is not { Unit.Value: "bytes", Ranges.Count: 1 } header)
        {
            return false;
        }

        if (typed.IfRange is { EntityTag: { } ifTag } && !string.Equals(ifTag.Tag.Value, media.EntityTag, StringComparison.Ordinal))
        {
            return false;
        }

        var only = header.Ranges.First();
        long from;
        long to;
        if (only.From is { } start)
        {
            from = start;
            to = only.To is { } end ? Math.Min(end, length - 1) : length - 1;
        }
        else if (only.To is { } suffix && suffix > 0)
        {
            from = Math.Max(0, length - suffix);
            to = length - 1;
        }
        else
        {
            return true;
        }

        if (from >= length || from > to)
        {
            return true;
        }

        range = (from, to);
        return true;
    }
}
