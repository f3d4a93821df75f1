using System.Net;

namespace ShortVideo.Cli.Upload;

/// <summary>A tus request answered with a status the client did not expect.</summary>
internal sealed class TusHttpException : Exception
{
    public TusHttpException(string method, HttpStatusCode statusCode, string? detail, TimeSpan? retryAfter)
        : base(Describe(method, statusCode, detail))
    {
        Method = method;
        StatusCode = statusCode;
        Detail = detail;
        RetryAfter = retryAfter;
    }

    public string Method { get; }

    public HttpStatusCode StatusCode { get; }

    /// <summary>The server's sentence: a problem+json <c>detail</c> (or <c>title</c>), or the first line of a text body.</summary>
    public string? Detail { get; }

    /// <summary>The server's Retry-After hint (423, 429, 503), if any.</summary>
    public TimeSpan? RetryAfter { get; }

    private static string Describe(string method, HttpStatusCode statusCode, string? detail)
    {
        var code = (int)statusCode;
        var reason = code == 460 ? "Checksum Mismatch" : ReasonPhrase(statusCode);
        return string.IsNullOrEmpty(detail)
            ? $"{method} answered {code} {reason}"
            : $"{method} answered {code} {reason}: {detail}";
    }

    private static string ReasonPhrase(HttpStatusCode statusCode)
    {
        // "RequestEntityTooLarge" reads better as "Request Entity Too Large".
        var name = statusCode.ToString();
        if (int.TryParse(name, out _))
        {
            return string.Empty;
        }

        var builder = new System.Text.StringBuilder(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            if (i > 0 && char.IsUpper(name[i]))
            {
                builder.Append(' ');
            }

            builder.Append(name[i]);
        }

        return builder.ToString();
    }
}
