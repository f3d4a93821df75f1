using System.Net;
using Amazon.Runtime;

namespace ShortVideo.Hosting.Storage.S3;

/// <summary>Classifies S3 errors by status as well as code: HEAD responses carry no error body, hence no code.</summary>
internal static class S3Errors
{
    public static bool IsNotFound(AmazonServiceException e) => e.StatusCode == HttpStatusCode.NotFound;

    /// <summary>S3 API servers that lack an operation answer 501 NotImplemented or 405 MethodNotAllowed (s3rver 3.7: abort).</summary>
    public static bool IsUnsupported(AmazonServiceException e) =>
        e.StatusCode is HttpStatusCode.NotImplemented or HttpStatusCode.MethodNotAllowed;

    /// <summary>Failures of the network or of the server, not of our own logic: best-effort clean-up tolerates them.</summary>
    public static bool IsRemoteFailure(Exception e) =>
        e is AmazonServiceException or HttpRequestException or IOException or OperationCanceledException;

    /// <summary>"404 NoSuchKey: The specified key does not exist." or the transport's own sentence.</summary>
    public static string Describe(Exception e) => e switch
    {
        AmazonServiceException s when string.IsNullOrEmpty(s.ErrorCode) => $"HTTP {(int)s.StatusCode} {s.StatusCode}",
        AmazonServiceException s => $"HTTP {(int)s.StatusCode} {s.ErrorCode}: {s.Message}",
        _ when e.InnerException is { } inner && e is not HttpRequestException => $"{e.Message} ({inner.Message})",
        _ => e.Message,
    };
}
