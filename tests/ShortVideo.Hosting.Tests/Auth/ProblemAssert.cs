using System.Net;
using System.Text.Json;

namespace ShortVideo.Hosting.Tests.Auth;

internal static class ProblemAssert
{
    /// <summary>Asserts an RFC 9457 problem response with <paramref name="status"/> and returns its detail.</summary>
    public static async Task<string> IsProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var body = await response.Content.ReadAsStringAsync();
        using var json = JsonDocument.Parse(body);
        var root = json.RootElement;
        Assert.False(string.IsNullOrWhiteSpace(root.GetProperty("type").GetString()));
        Assert.False(string.IsNullOrWhiteSpace(root.GetProperty("title").GetString()));
        Assert.Equal((int)status, root.GetProperty("status").GetInt32());
        var detail = root.GetProperty("detail").GetString()!;
        Assert.DoesNotContain("   at ", detail, StringComparison.Ordinal); // never a stack trace
        Assert.DoesNotContain("Exception", detail, StringComparison.Ordinal);
        return detail;
    }

    /// <summary>Asserts a 401 whose WWW-Authenticate names the Bearer scheme and returns the header.</summary>
    public static async Task<(string Detail, string Challenge)> IsUnauthorizedAsync(HttpResponseMessage response)
    {
        var detail = await IsProblemAsync(response, HttpStatusCode.Unauthorized);
        var challenge = Assert.Single(response.Headers.WwwAuthenticate);
        Assert.Equal("Bearer", challenge.Scheme);
        return (detail, challenge.ToString());
    }

    /// <summary>Asserts a 401 with error="invalid_token" whose detail contains <paramref name="expected"/>.</summary>
    public static async Task<string> IsInvalidTokenAsync(HttpResponseMessage response, string expected)
    {
        var (detail, challenge) = await IsUnauthorizedAsync(response);
        Assert.Contains(expected, detail, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("error=\"invalid_token\"", challenge, StringComparison.Ordinal);
        Assert.Contains("error_description=\"", challenge, StringComparison.Ordinal);
        return detail;
    }
}
