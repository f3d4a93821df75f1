using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace ShortVideo.Hosting.Auth;

/// <summary>Writes an RFC 9457 problem response (type, title, status, detail) without MVC or reflection.</summary>
internal static class ProblemResponse
{
    public const string ContentType = "application/problem+json";

    public static async Task WriteAsync(HttpContext context, int status, string detail)
    {
        var (type, title) = Describe(status);
        var response = context.Response;
        response.StatusCode = status;
        response.ContentType = ContentType;
        using (var json = new Utf8JsonWriter(response.BodyWriter))
        {
            json.WriteStartObject();
            json.WriteString("type", type);
            json.WriteString("title", title);
            json.WriteNumber("status", status);
            json.WriteString("detail", detail);
            json.WriteEndObject();
        }

        await response.BodyWriter.FlushAsync(context.RequestAborted).ConfigureAwait(false);
    }

    private static (string Type, string Title) Describe(int status) => status switch
    {
        StatusCodes.Status401Unauthorized => ("https://tools.ietf.org/html/rfc9110#section-15.5.2", "Unauthorized"),
        StatusCodes.Status403Forbidden => ("https://tools.ietf.org/html/rfc9110#section-15.5.4", "Forbidden"),
        _ => ("about:blank", "Error"),
    };
}
