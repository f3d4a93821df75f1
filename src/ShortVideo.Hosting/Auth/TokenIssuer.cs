using System.Security.Claims;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace ShortVideo.Hosting.Auth;

/// <summary>
/// Mints HS256 bearer tokens that the node accepts: used by <c>svctl token</c> and by tests.
/// Resolve it from a service provider configured with <c>AddShortVideoAuth()</c>.
/// </summary>
public sealed class TokenIssuer
{
    private readonly SigningKeyProvider _keys;
    private readonly AuthOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly JsonWebTokenHandler _handler = new();

    internal TokenIssuer(SigningKeyProvider keys, IOptions<AuthOptions> options, TimeProvider timeProvider)
    {
        _keys = keys;
        _options = options.Value;
        _timeProvider = timeProvider;
    }

    /// <summary>Issues a token for <paramref name="userId"/> valid from now for <paramref name="ttl"/>.</summary>
    /// <param name="userId">1 to 64 characters among letters, digits, '_', '.' and '-'; becomes the <c>sub</c> and <c>name</c> claims.</param>
    /// <param name="ttl">Lifetime of the token; must be positive.</param>
    /// <returns>The compact JWT (header.payload.signature).</returns>
    /// <exception cref="ArgumentException">The user id is not valid.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The lifetime is zero or negative.</exception>
    public string Issue(string userId, TimeSpan ttl)
    {
        UserIds.Validate(userId, nameof(userId));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(ttl, TimeSpan.Zero);

        var now = _timeProvider.GetUtcNow().UtcDateTime;
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = _options.Issuer,
            Audience = _options.Audience,
            IssuedAt = now,
            NotBefore = now,
            Expires = now + ttl,
            Subject = new ClaimsIdentity(
            [
                new Claim(JwtRegisteredClaimNames.Sub, userId),
                new Claim(JwtRegisteredClaimNames.Name, userId),
                new Claim(JwtRegisteredClaimNames.Jti, Guid.NewGuid().ToString("N")),
            ]),
            SigningCredentials = new SigningCredentials(_keys.Key, SecurityAlgorithms.HmacSha256),
        };
        return _handler.CreateToken(descriptor);
    }
}
