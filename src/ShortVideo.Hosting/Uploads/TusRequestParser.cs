using System.Globalization;
using Microsoft.AspNetCore.Http;
using ShortVideo.Uploads;

namespace ShortVideo.Hosting.Uploads;

/// <summary>Turns tus headers into engine requests; every malformed value is a 400 with a sentence.</summary>
internal static class TusRequestParser
{
    private const string UploadsPath = "/api/v1/uploads/";

    public static CreateUploadRequest ParseCreate(HttpRequest request, string ownerId, long maxSize)
    {
        var headers = request.Headers;
        var concat = headers[TusHeaders.UploadConcat].ToString();
        var kind = UploadKind.Regular;
        IReadOnlyList<string> partials = [];
        if (concat.Length > 0)
        {
            if (concat == "partial")
            {
                kind = UploadKind.Partial;
            }
            else if (concat.StartsWith("final;", StringComparison.Ordinal))
            {
                kind = UploadKind.Final;
                partials = ParsePartialUrls(concat["final;".Length..]);
            }
            else
            {
                throw Invalid("Upload-Concat must be 'partial' or 'final;' followed by the URLs of partial uploads.");
            }
        }

        var deferHeader = headers[TusHeaders.UploadDeferLength].ToString();
        if (deferHeader.Length > 0 && deferHeader != "1")
        {
            throw Invalid("Upload-Defer-Length may only be 1.");
        }

        var length = ParseLength(headers[TusHeaders.UploadLength].ToString(), maxSize);
        if (length is not null && deferHeader.Length > 0)
        {
            throw Invalid("Send either Upload-Length or Upload-Defer-Length, not both.");
        }

        var metadata = headers[TusHeaders.UploadMetadata].ToString();
        return new CreateUploadRequest
        {
            OwnerId = ownerId,
            Length = length,
            DeferLength = deferHeader == "1",
            RawMetadata = metadata.Length == 0 ? null : metadata,
            Kind = kind,
            PartialIds = partials,
        };
    }

    public static WriteUploadRequest ParseWrite(HttpRequest request, string ownerId, string uploadId, long maxSize)
    {
        var headers = request.Headers;
        var offsetHeader = headers[TusHeaders.UploadOffset].ToString();
        if (!long.TryParse(offsetHeader, NumberStyles.None, CultureInfo.InvariantCulture, out var offset))
        {
            throw Invalid("Upload-Offset must be a non-negative integer.");
        }

        string? algorithm = null;
        byte[]? digest = null;
        var checksum = headers[TusHeaders.UploadChecksum].ToString();
        if (checksum.Length > 0)
        {
            var space = checksum.IndexOf(' ', StringComparison.Ordinal);
            if (space <= 0)
            {
                throw Invalid("Upload-Checksum must be '<algorithm> <base64 digest>'.");
            }

            algorithm = checksum[..space];
            try
            {
                digest = Convert.FromBase64String(checksum[(space + 1)..]);
            }
            catch (FormatException)
            {
                throw Invalid("The digest in Upload-Checksum is not valid base64.");
            }
        }

        return new WriteUploadRequest
        {
            OwnerId = ownerId,
            UploadId = uploadId,
            Offset = offset,
            DeclaredLength = ParseLength(headers[TusHeaders.UploadLength].ToString(), maxSize),
            ContentLength = request.ContentLength,
            ChecksumAlgorithm = algorithm,
            ChecksumDigest = digest,
        };
    }

    public static bool HasOffsetContentType(HttpRequest request)
    {
        var contentType = request.ContentType;
        if (contentType is null)
        {
            return false;
        }

        var semicolon = contentType.IndexOf(';', StringComparison.Ordinal);
        var mediaType = (semicolon < 0 ? contentType : contentType[..semicolon]).Trim();
        return string.Equals(mediaType, TusHeaders.OffsetContentType, StringComparison.OrdinalIgnoreCase);
    }

    private static long? ParseLength(string header, long maxSize)
    {
        if (header.Length == 0)
        {
            return null;
        }

        foreach (var c in header)
        {
            if (!char.IsAsciiDigit(c))
            {
                throw Invalid($"Upload-Length must be a non-negative integer, not '{Shorten(header)}'.");
            }
        }

        // All digits but too big for a long: certainly over any maximum.
        return long.TryParse(header, NumberStyles.None, CultureInfo.InvariantCulture, out var length)
            ? length
            : throw new UploadException(UploadError.TooLarge, $"Upload-Length is over this server's maximum of {maxSize} bytes.");
    }

    private static List<string> ParsePartialUrls(string urls)
    {
        var ids = new List<string>();
        foreach (var url in urls.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var path = Uri.TryCreate(url, UriKind.Absolute, out var absolute) ? absolute.AbsolutePath : url;
            var at = path.LastIndexOf(UploadsPath, StringComparison.Ordinal);
            var id = at < 0 ? string.Empty : path[(at + UploadsPath.Length)..].TrimEnd('/');
            if (id.Length == 0 || id.Contains('/', StringComparison.Ordinal))
            {
                throw new UploadException(UploadError.InvalidConcatenation, $"'{Shorten(url)}' is not the URL of an upload on this server.");
            }

            ids.Add(id);
        }

        return ids;
    }

    private static string Shorten(string value) => value.Length > 40 ? value[..40] + "…" : value;

    private static UploadException Invalid(string message) => new(UploadError.InvalidHeader, message);
}
