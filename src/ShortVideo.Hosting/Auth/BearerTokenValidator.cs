using System.Security.Claims;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace ShortVideo.Hosting.Auth;

/// <summary>
/// Validates bearer tokens (size, HS256 only, a known and unretired key, signature, issuer, audience, lifetime
/// and its maximum, a <c>sub</c>, not revoked) and turns each kind of refusal into a sentence a client developer
/// can act on (<see cref="BearerTokenValidator"/>'s Refusals part).
/// </summary>
internal sealed partial class BearerTokenValidator
{
    public const string AuthenticationType = "Bearer";

    /// <summary>
    /// Longest token read, in characters: ours are about 450, an identity provider's with group claims a few
    /// thousand. Decoding is work done for anyone who sends a header, so a larger token is refused unread.
    /// </summary>
    public const int MaximumTokenLength = 16 * 1024;

    private readonly JsonWebTokenHandler _handler = new() { MaximumTokenSizeInBytes = MaximumTokenLength };
    private readonly SigningKeyProvider _keys;
    private readonly TokenRevocationList _revocations;
    private readonly AuthOptions _options;
    private readonly TimeProvider _timeProvider;
    private ParametersForRing? _parameters;

    public BearerTokenValidator(SigningKeyProvider keys, TokenRevocationList revocations, IOptions<AuthOptions> options, TimeProvider timeProvider)
    {
        _keys = keys;
        _revocations = revocations;
        _options = options.Value;
        _timeProvider = timeProvider;
    }

    /// <summary>The principal of a valid token; throws <see cref="BearerTokenException"/> otherwise.</summary>
    public async Task<ClaimsPrincipal> ValidateAsync(string token, CancellationToken cancellationToken = default)
    {
        if (token.Length > MaximumTokenLength)
        {
            throw TooLarge(token.Length);
        }

        // The library reports a token signed with another algorithm as a signature mismatch; the header
        // says it plainly, so check it first for a sentence that names the real problem.
        var header = ReadHeader(token);
        if (header.Alg != SecurityAlgorithms.HmacSha256)
        {
            throw BearerTokenException.InvalidToken(NotHs256);
        }

        // The keys are read on the first request, so the dev key is created then, not by DI.
        var ring = _keys.Ring;
        if (_options.Mode == AuthMode.Dev && header.Kid is { } kid && ring.Find(kid) is null)
        {
            // Dev keys are all named by svctl; an identity provider may name its keys its own way, so in
            // Production an unknown kid only means "try every configured key".
            throw UnknownKey();
        }

        var result = await _handler.ValidateTokenAsync(token, ParametersFor(ring)).ConfigureAwait(false);
        if (!result.IsValid)
        {
            throw Describe(result.Exception);
        }

        var validated = (JsonWebToken)result.SecurityToken;
        if (validated.SigningKey is { KeyId: { } signingKeyId } && ring.Find(signingKeyId) is { } signer && signer.IsRetiredAt(_timeProvider.GetUtcNow()))
        {
            throw Retired(signer);
        }

        if (result.ClaimsIdentity.FindFirst(JwtRegisteredClaimNames.Sub) is not { Value: var sub } || !UserIds.IsValid(sub))
        {
            throw BearerTokenException.InvalidToken("The bearer token has no valid 'sub' claim naming the user.");
        }

        var tokenId = result.ClaimsIdentity.FindFirst(JwtRegisteredClaimNames.Jti)?.Value;
        if (await _revocations.FindAsync(tokenId, sub, IssuedAt(validated), cancellationToken).ConfigureAwait(false) is { } revocation)
        {
            throw Revoked(revocation);
        }

        return new ClaimsPrincipal(result.ClaimsIdentity);
    }

    private sealed record ParametersForRing(SigningKeyRing Ring, TokenValidationParameters Parameters);

    // Rebuilt only when a rotation produced a new ring; two requests racing here build equal parameters.
    private TokenValidationParameters ParametersFor(SigningKeyRing ring)
    {
        var cached = Volatile.Read(ref _parameters);
        if (cached is not null && ReferenceEquals(cached.Ring, ring))
        {
            return cached.Parameters;
        }

        var parameters = new TokenValidationParameters
        {
            // Retired keys too: their tokens are recognised, then refused with a sentence that says so.
            IssuerSigningKeys = ring.SecurityKeys,
            ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
            ValidIssuer = _options.Issuer,
            ValidAudience = _options.Audience,
            ValidateIssuer = true,
            ValidateAudience = true,
            ValidateLifetime = true,
            ValidateIssuerSigningKey = true,
            RequireSignedTokens = true,
            RequireExpirationTime = true,
            ClockSkew = _options.ClockSkew,
            // The library reads the wall clock itself; this delegate puts lifetime checks on the injected clock.
            LifetimeValidator = ValidateLifetime,
            NameClaimType = JwtRegisteredClaimNames.Sub,
            AuthenticationType = AuthenticationType,
        };
        Volatile.Write(ref _parameters, new ParametersForRing(ring, parameters));
        return parameters;
    }

    private bool ValidateLifetime(DateTime? notBefore, DateTime? expires, SecurityToken token, TokenValidationParameters parameters)
    {
        var now = _timeProvider.GetUtcNow().UtcDateTime;
        if (expires is not { } expiry)
        {
            throw new SecurityTokenNoExpirationException("The token has no 'exp' claim.");
        }

        if (notBefore is { } start && start > now + parameters.ClockSkew)
        {
            throw new SecurityTokenNotYetValidException("The token is not valid yet.") { NotBefore = start };
        }

        if (expiry < now - parameters.ClockSkew)
        {
            throw new SecurityTokenExpiredException("The token has expired.") { Expires = expiry };
        }

        var issuedAt = IssuedAt((JsonWebToken)token)?.UtcDateTime;
        if (issuedAt > now + parameters.ClockSkew)
        {
            throw new LifetimeRefusedException(IssuedInTheFuture(issuedAt.Value));
        }

        // exp - iat; without iat, what is left of the lifetime from now is all that can be measured.
        var lifetime = expiry - (issuedAt ?? now);
        if (lifetime > _options.MaxTokenLifetime)
        {
            throw new LifetimeRefusedException(TooLong(lifetime, expiry, measuredFromIssue: issuedAt is not null));
        }

        return true;
    }

    private static DateTimeOffset? IssuedAt(JsonWebToken token) =>
        token.IssuedAt == DateTime.MinValue ? null : new DateTimeOffset(token.IssuedAt, TimeSpan.Zero);

    private (string Alg, string? Kid) ReadHeader(string token)
    {
        try
        {
            var parsed = _handler.ReadJsonWebToken(token);
            return (parsed.Alg, string.IsNullOrEmpty(parsed.Kid) ? null : parsed.Kid);
        }
        catch (Exception e) when (e is ArgumentException or SecurityTokenMalformedException)
        {
            throw Malformed();
        }
    }

    /// <summary>A lifetime check that failed, carrying the sentence for the client.</summary>
    private sealed class LifetimeRefusedException(string message) : SecurityTokenInvalidLifetimeException(message);
}
