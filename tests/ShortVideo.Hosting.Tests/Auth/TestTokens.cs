using System.Globalization;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace ShortVideo.Hosting.Tests.Auth;

/// <summary>
/// Hand-made tokens, independent of TokenIssuer, to put one wrong thing at a time in front of the node.
/// </summary>
internal static class TestTokens
{
    public static string Create(
        byte[] key,
        string algorithm = SecurityAlgorithms.HmacSha256,
        string issuer = "shortvideo",
        string audience = "shortvideo-api",
        string? subject = "alice",
        TimeSpan? lifetime = null)
    {
        var now = DateTime.UtcNow;
        var claims = new List<Claim>();
        if (subject is not null)
        {
            claims.Add(new Claim(JwtRegisteredClaimNames.Sub, subject));
        }

        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            IssuedAt = now,
            NotBefore = now,
            Expires = now + (lifetime ?? TimeSpan.FromHours(1)),
            Subject = new ClaimsIdentity(claims),
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(key), algorithm),
        });
    }

    /// <summary>An "alg": "none" token: a valid header and payload and no signature.</summary>
    public static string Unsigned(string subject = "alice")
    {
        var exp = DateTimeOffset.UtcNow.AddHours(1).ToUnixTimeSeconds();
        var header = Base64UrlEncoder.Encode("""{"alg":"none","typ":"JWT"}""");
        var payload = Base64UrlEncoder.Encode(
            $$"""{"sub":"{{subject}}","iss":"shortvideo","aud":"shortvideo-api","exp":{{exp}}}""");
        return $"{header}.{payload}.";
    }

    /// <summary>
    /// A token assembled byte by byte: any header and payload, signed HMAC-SHA256 with <paramref name="key"/>
    /// whatever the header's "alg" says (no signature when null), so a header can lie.
    /// </summary>
    public static string Raw(string headerJson, string payloadJson, byte[]? key)
    {
        var signed = Base64UrlEncoder.Encode(headerJson) + "." + Base64UrlEncoder.Encode(payloadJson);
        var signature = key is null ? string.Empty : Base64UrlEncoder.Encode(HMACSHA256.HashData(key, Encoding.ASCII.GetBytes(signed)));
        return signed + "." + signature;
    }

    /// <summary>An HS256 token for alice with exactly the times given (a claim is left out when null).</summary>
    public static string WithTimes(byte[] key, DateTimeOffset? issuedAt, DateTimeOffset? expires, string? kid = null, DateTimeOffset? notBefore = null)
    {
        var header = kid is null ? """{"alg":"HS256","typ":"JWT"}""" : $$"""{"alg":"HS256","typ":"JWT","kid":"{{kid}}"}""";
        var claims = new List<string> { "\"sub\":\"alice\"", "\"iss\":\"shortvideo\"", "\"aud\":\"shortvideo-api\"" };
        AddTime(claims, "iat", issuedAt);
        AddTime(claims, "nbf", notBefore);
        AddTime(claims, "exp", expires);
        return Raw(header, "{" + string.Join(',', claims) + "}", key);
    }

    private static void AddTime(List<string> claims, string name, DateTimeOffset? value)
    {
        if (value is { } time)
        {
            claims.Add(string.Create(CultureInfo.InvariantCulture, $"\"{name}\":{time.ToUnixTimeSeconds()}"));
        }
    }
}
