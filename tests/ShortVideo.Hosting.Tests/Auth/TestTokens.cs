using System.Security.Claims;
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
        TimeSpan? lifetime = null,
        IEnumerable<string>? roles = null)
    {
        var now = DateTime.UtcNow;
        var claims = new List<Claim>();
        if (subject is not null)
        {
            claims.Add(new Claim(JwtRegisteredClaimNames.Sub, subject));
        }

        foreach (var role in roles ?? [])
        {
            claims.Add(new Claim("role", role));
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
}
