using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace ShortVideo.Hosting.Tests.Storage.S3;

/// <summary>
/// Recomputes the AWS Signature Version 4 of a recorded request from the headers as sent. s3rver does not
/// check V4 signatures, so this is how tests learn that a header changed before sending was signed as changed.
/// </summary>
internal static partial class SigV4
{
    public static bool IsValid(RecordedRequest request, string secretKey)
    {
        var match = AuthorizationPattern().Match(request.Headers["authorization"]);
        Assert.True(match.Success, request.Headers["authorization"]);
        var scope = match.Groups["scope"].Value;
        var signedHeaders = match.Groups["headers"].Value;
        var scopeParts = scope.Split('/');

        var canonicalHeaders = new StringBuilder();
        foreach (var name in signedHeaders.Split(';'))
        {
            canonicalHeaders.Append(name).Append(':').Append(Spaces().Replace(request.Headers[name].Trim(), " ")).Append('\n');
        }

        var query = request.Uri.Query.TrimStart('?');
        var canonicalQuery = string.Join('&', query.Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(p => p.Contains('=') ? p : p + "=")
            .Order(StringComparer.Ordinal));
        var canonicalRequest = string.Join('\n',
            request.Method, request.Uri.AbsolutePath, canonicalQuery, canonicalHeaders.ToString(), signedHeaders, request.Headers["x-amz-content-sha256"]);
        var stringToSign = string.Join('\n',
            "AWS4-HMAC-SHA256", request.Headers["x-amz-date"], string.Join('/', scopeParts[1..]), Hex(SHA256.HashData(Encoding.UTF8.GetBytes(canonicalRequest))));

        var key = Encoding.UTF8.GetBytes("AWS4" + secretKey);
        foreach (var part in scopeParts[1..])
        {
            key = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(part));
        }

        return Hex(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(stringToSign))) == match.Groups["signature"].Value;
    }

    private static string Hex(byte[] bytes) => Convert.ToHexStringLower(bytes);

    [GeneratedRegex(@"^AWS4-HMAC-SHA256 Credential=(?<scope>[^,]+),\s*SignedHeaders=(?<headers>[^,]+),\s*Signature=(?<signature>[0-9a-f]+)$")]
    private static partial Regex AuthorizationPattern();

    [GeneratedRegex(" +")]
    private static partial Regex Spaces();
}
