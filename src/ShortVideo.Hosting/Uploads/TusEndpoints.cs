using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using ShortVideo.Hosting.Auth;
using ShortVideo.Hosting.RateLimiting;
using ShortVideo.Uploads;

namespace ShortVideo.Hosting.Uploads;

/// <summary>The HTTP mapping of the tus engine at /api/v1/uploads.</summary>
internal static class TusEndpoints
{
    public const string CorsPolicy = "tus";

    public static RouteGroupBuilder MapTusUploads(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/v1/uploads").RequireCors(CorsPolicy);
        group.AddEndpointFilter(TusProtocolFilter);

        // Discovery answers without a token: clients and browsers ask it before they authenticate.
        group.MapMethods("/", [HttpMethods.Options], Options).AllowAnonymous();
        group.MapMethods("/{id}", [HttpMethods.Options], Options).AllowAnonymous();

        var authenticated = group.MapGroup("/").RequireAuthorization();
        authenticated.MapPost("/", CreateAsync).RequireRateLimiting(UserRateLimits.Uploads.PolicyName);
        authenticated.MapMethods("/{id}", [HttpMethods.Head], HeadAsync);
        authenticated.MapPatch("/{id}", PatchAsync);
        authenticated.MapDelete("/{id}", DeleteAsync);
        return group;
    }

    private static async ValueTask<object?> TusProtocolFilter(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        http.Response.Headers[TusHeaders.TusResumable] = TusHeaders.Version;
        http.Response.Headers.CacheControl = "no-store";
        if (!HttpMethods.IsOptions(http.Request.Method) && http.Request.Headers[TusHeaders.TusResumable] != TusHeaders.Version)
        {
            http.Response.Headers[TusHeaders.TusVersion] = TusHeaders.Version;
            return Results.Problem(
                detail: $"This server speaks tus {TusHeaders.Version}; send the header Tus-Resumable: {TusHeaders.Version}.",
                statusCode: StatusCodes.Status412PreconditionFailed,
                title: "Unsupported tus version",
                type: "urn:shortvideo:problem:upload:unsupported-version");
        }

        try
        {
            return await next(context).ConfigureAwait(false);
        }
        catch (UploadException ex)
        {
            return UploadProblems.ToResult(ex);
        }
    }

    private static IResult Options(HttpContext http, IOptions<UploadOptions> options)
    {
        var headers = http.Response.Headers;
        headers[TusHeaders.TusVersion] = TusHeaders.Version;
        headers[TusHeaders.TusExtension] = TusHeaders.Extensions;
        headers[TusHeaders.TusMaxSize] = options.Value.MaxSizeBytes.ToString(CultureInfo.InvariantCulture);
        headers[TusHeaders.TusChecksumAlgorithm] = TusHeaders.ChecksumAlgorithms;
        return Results.NoContent();
    }

    private static async Task<IResult> CreateAsync(HttpContext http, IUploadService uploads, IOptions<UploadOptions> options)
    {
        var request = TusRequestParser.ParseCreate(http.Request, http.User.GetUserId(), options.Value.MaxSizeBytes);
        var hasBody = http.Request.ContentLength is > 0 || (http.Request.ContentLength is null && http.Request.Headers.TransferEncoding.Count > 0);
        if (hasBody && !TusRequestParser.HasOffsetContentType(http.Request))
        {
            return UnsupportedMediaType();
        }

        AllowLargeBody(http);
        var result = await uploads.CreateAsync(request, hasBody ? http.Request.Body : null, http.Request.ContentLength, http.RequestAborted).ConfigureAwait(false);
        var upload = result.Upload;
        http.Response.Headers[TusHeaders.Location] = $"{http.Request.Scheme}://{http.Request.Host}{http.Request.PathBase}/api/v1/uploads/{upload.Id}";
        WriteProgressHeaders(http.Response, upload);
        return Results.StatusCode(StatusCodes.Status201Created);
    }

    private static async Task<IResult> HeadAsync(HttpContext http, string id, IUploadService uploads)
    {
        var upload = await uploads.GetAsync(http.User.GetUserId(), id, http.RequestAborted).ConfigureAwait(false);
        var headers = http.Response.Headers;
        if (upload.Length is { } length)
        {
            headers[TusHeaders.UploadLength] = length.ToString(CultureInfo.InvariantCulture);
        }
        else
        {
            headers[TusHeaders.UploadDeferLength] = "1";
        }

        if (upload.RawMetadata is { } metadata)
        {
            headers[TusHeaders.UploadMetadata] = metadata;
        }

        if (upload.Kind != UploadKind.Regular)
        {
            headers[TusHeaders.UploadConcat] = upload.Kind == UploadKind.Partial
                ? "partial"
                : "final;" + string.Join(' ', upload.PartialIds.Select(p => $"{http.Request.PathBase}/api/v1/uploads/{p}"));
        }

        WriteProgressHeaders(http.Response, upload);
        return Results.Ok();
    }

    private static async Task<IResult> PatchAsync(HttpContext http, string id, IUploadService uploads, IOptions<UploadOptions> options)
    {
        if (!TusRequestParser.HasOffsetContentType(http.Request))
        {
            return UnsupportedMediaType();
        }

        var request = TusRequestParser.ParseWrite(http.Request, http.User.GetUserId(), id, options.Value.MaxSizeBytes);
        AllowLargeBody(http);
        var result = await uploads.WriteAsync(request, http.Request.Body, http.RequestAborted).ConfigureAwait(false);
        WriteProgressHeaders(http.Response, result.Upload);
        return Results.NoContent();
    }

    private static async Task<IResult> DeleteAsync(HttpContext http, string id, IUploadService uploads)
    {
        await uploads.TerminateAsync(http.User.GetUserId(), id, http.RequestAborted).ConfigureAwait(false);
        return Results.NoContent();
    }

    private static void WriteProgressHeaders(HttpResponse response, UploadInfo upload)
    {
        response.Headers[TusHeaders.UploadOffset] = upload.Offset.ToString(CultureInfo.InvariantCulture);
        if (upload.CompletedAt is null)
        {
            response.Headers[TusHeaders.UploadExpires] = upload.ExpiresAt.ToString("R", CultureInfo.InvariantCulture);
        }

        if (upload.VideoId is { } videoId && upload.CompletedAt is not null)
        {
            response.Headers[TusHeaders.VideoId] = videoId;
        }
    }

    /// <summary>Kestrel caps bodies at 30 MB by default; the engine enforces Upload-Length and Tus-Max-Size itself.</summary>
    private static void AllowLargeBody(HttpContext http)
    {
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = null;
        }
    }

    private static IResult UnsupportedMediaType() => Results.Problem(
        detail: $"Upload bytes must be sent with Content-Type: {TusHeaders.OffsetContentType}.",
        statusCode: StatusCodes.Status415UnsupportedMediaType,
        title: "Unsupported media type",
        type: "urn:shortvideo:problem:upload:unsupported-media-type");
}
