using Microsoft.AspNetCore.Http;
using ShortVideo.Uploads;

namespace ShortVideo.Hosting.Uploads;

/// <summary>Maps engine refusals to tus 1.0 status codes and RFC 9457 problem details.</summary>
internal static class UploadProblems
{
    /// <summary>tus checksum extension: 460 Checksum Mismatch.</summary>
    public const int ChecksumMismatchStatus = 460;

    public static int StatusOf(UploadError error) => error switch
    {
        UploadError.NotFound => StatusCodes.Status404NotFound,
        UploadError.Gone => StatusCodes.Status410Gone,
        UploadError.OffsetMismatch => StatusCodes.Status409Conflict,
        UploadError.ChecksumMismatch => ChecksumMismatchStatus,
        UploadError.TooLarge => StatusCodes.Status413PayloadTooLarge,
        UploadError.BeyondLength => StatusCodes.Status413PayloadTooLarge,
        UploadError.FinalUploadNotPatchable => StatusCodes.Status403Forbidden,
        UploadError.Locked => StatusCodes.Status423Locked,

        // A limit of this user's, not of the request or the server: 403 tells clients that retrying the same request
        // will not help (409 would read as an offset conflict to tus clients, 429 as "slow down", 413 as "too big").
        UploadError.TooManyUploads or UploadError.QuotaExceeded => StatusCodes.Status403Forbidden,

        // RFC 4918 11.5: the server cannot store what the request needs.
        UploadError.InsufficientStorage => StatusCodes.Status507InsufficientStorage,
        _ => StatusCodes.Status400BadRequest,
    };

    public static IResult ToResult(UploadException exception)
    {
        var status = StatusOf(exception.Error);
        return Results.Problem(
            detail: exception.Message,
            statusCode: status,
            title: TitleOf(exception.Error),
            type: "urn:shortvideo:problem:upload:" + Kebab(exception.Error));
    }

    private static string TitleOf(UploadError error) => error switch
    {
        UploadError.NotFound => "Upload not found",
        UploadError.Gone => "Upload expired",
        UploadError.OffsetMismatch => "Offset mismatch",
        UploadError.ChecksumMismatch => "Checksum mismatch",
        UploadError.UnsupportedChecksumAlgorithm => "Unsupported checksum algorithm",
        UploadError.TooLarge => "Upload too large",
        UploadError.BeyondLength => "Body past Upload-Length",
        UploadError.InvalidMetadata => "Invalid Upload-Metadata",
        UploadError.FinalUploadNotPatchable => "Final upload cannot be patched",
        UploadError.Locked => "Upload busy",
        UploadError.InvalidConcatenation => "Invalid concatenation",
        UploadError.TooManyUploads => "Too many unfinished uploads",
        UploadError.QuotaExceeded => "Upload quota exceeded",
        UploadError.InsufficientStorage => "Insufficient storage",
        _ => "Invalid tus request",
    };

    private static string Kebab(UploadError error)
    {
        var name = error.ToString();
        var builder = new System.Text.StringBuilder(name.Length + 8);
        for (var i = 0; i < name.Length; i++)
        {
            if (char.IsUpper(name[i]) && i > 0)
            {
                builder.Append('-');
            }

            builder.Append(char.ToLowerInvariant(name[i]));
        }

        return builder.ToString();
    }
}
