namespace ShortVideo.Hosting.Auth;

/// <summary>
/// Why a request's bearer credentials were refused: <see cref="Exception.Message"/> is the sentence shown to
/// the client (problem detail and error_description), <see cref="ErrorCode"/> the RFC 6750 error code.
/// </summary>
internal sealed class BearerTokenException(string errorCode, string message) : Exception(message)
{
    public string ErrorCode { get; } = errorCode;

    public static BearerTokenException InvalidToken(string message) => new("invalid_token", message);

    public static BearerTokenException InvalidRequest(string message) => new("invalid_request", message);
}
