using System.Security.Claims;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace ShortVideo.Hosting.Auth;

/// <summary>
/// Mints HS256 bearer tokens that the node accepts: used by <c>svctl token</c> and by tests. Each token carries
/// a <c>jti</c> (for <see cref="TokenRevoker"/>) and names its signing key in <c>kid</c>.
/// Resolve it from a service provider configured with <c>AddShortVideoAuth()</c>.
/// </summary>
public sealed class TokenIssuer
{
    private readonly SigningKeyProvider _keys;
    private readonly AuthOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly IssuedTokenLog? _issued;
    private readonly JsonWebTokenHandler _handler = new();

    internal TokenIssuer(SigningKeyProvider keys, IOptions<AuthOptions> options, TimeProvider timeProvider, IssuedTokenLog? issued = null)
    {
        _keys = keys;
        _options = options.Value;
        _timeProvider = timeProvider;
        _issued = issued;
    }

    /// <summary>Issues a token for <paramref name="userId"/> valid from now for <paramref name="ttl"/>.</summary>
    /// <param name="userId">1 to 64 characters among letters, digits, '_', '.' and '-'; becomes the <c>sub</c> and <c>name</c> claims.</param>
    /// <param name="ttl">Lifetime of the token; positive and at most <see cref="AuthOptions.MaxTokenLifetime"/>, since nodes refuse longer ones.</param>
    /// <param name="roles">Roles the token grants, as <c>role</c> claims: <c>moderator</c> sees every video and every link between videos.</param>
    /// <returns>The compact JWT (header.payload.signature).</returns>
    /// <exception cref="ArgumentException">The user id is not valid.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The lifetime is zero, negative or longer than <see cref="AuthOptions.MaxTokenLifetime"/>.</exception>
    public string Issue(string userId, TimeSpan ttl, IReadOnlyCollection<string>? roles = null)
    {
        UserIds.Validate(userId, nameof(userId));
        foreach (var role in roles ?? [])
        {
            UserIds.Validate(role, nameof(roles));
        }

        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(ttl, TimeSpan.Zero);
        if (ttl > _options.MaxTokenLifetime)
        {
            throw new ArgumentOutOfRangeException(
                nameof(ttl),
                ttl,
                $"A token lifetime of {Durations.Describe(ttl)} is longer than the {Durations.Describe(_options.MaxTokenLifetime)} nodes accept (Auth:MaxTokenLifetime).");
        }

        // Whole seconds, as iat and exp carry them: what is recorded is exactly what the token says.
        var now = DateTimeOffset.FromUnixTimeSeconds(_timeProvider.GetUtcNow().ToUnixTimeSeconds());
        var tokenId = Guid.NewGuid().ToString("N");
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = _options.Issuer,
            Audience = _options.Audience,
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = (now + ttl).UtcDateTime,
            Subject = new ClaimsIdentity(
            [
                new Claim(JwtRegisteredClaimNames.Sub, userId),
                new Claim(JwtRegisteredClaimNames.Name, userId),
                new Claim(JwtRegisteredClaimNames.Jti, tokenId),
                .. (roles ?? []).Select(role => new Claim(ShortVideoRoles.ClaimType, role)),
            ]),
            SigningCredentials = new SigningCredentials(_keys.Ring.Current.Key, SecurityAlgorithms.HmacSha256),
        };
        var token = _handler.CreateToken(descriptor);
        _issued?.Record(tokenId, userId, now, now + ttl);
        return token;
    }
}
