using Microsoft.Extensions.Logging;

namespace ShortVideo.Hosting.Storage.S3;

internal static partial class S3Log
{
    [LoggerMessage(1, LogLevel.Information, "Created S3 bucket {Bucket} at {ServiceUrl}")]
    public static partial void BucketCreated(ILogger logger, string bucket, string serviceUrl);

    [LoggerMessage(2, LogLevel.Warning, "The S3 server cannot abort multipart upload {MultipartUploadId} of upload {UploadId} ({Reason}); its parts stay until the server's own clean-up (an AbortIncompleteMultipartUpload lifecycle rule on AWS)")]
    public static partial void AbortUnsupported(ILogger logger, string uploadId, string multipartUploadId, string reason);

    [LoggerMessage(3, LogLevel.Warning, "Could not delete S3 object {Key}; it is deleted again when the upload is promoted or deleted")]
    public static partial void CleanupFailed(ILogger logger, Exception exception, string key);

    [LoggerMessage(4, LogLevel.Warning, "Upload {UploadId} has unreadable S3 store state; deleting its objects without aborting the multipart upload")]
    public static partial void UnreadableState(ILogger logger, Exception exception, string uploadId);
}
