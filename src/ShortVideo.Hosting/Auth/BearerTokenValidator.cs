using System.Security.Claims;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace ShortVideo.Hosting.Auth;

/// <summary>
/// Validates bearer tokens (signature, HS256 only, issuer, audience, lifetime, a <c>sub</c>) and turns each
/// kind of refusal into a sentence a client developer can act on.
/// </summary>
internal sealed class BearerTokenValidator
{
    public const string AuthenticationType = "Bearer";

    private readonly JsonWebTokenHandler _handler = new();
    private readonly SigningKeyProvider _keys;
    private readonly AuthOptions _options;
    private readonly TimeProvider _timeProvider;
    private TokenValidationParameters? _parameters;

    public BearerTokenValidator(SigningKeyProvider keys, IOptions<AuthOptions> options, TimeProvider timeProvider)
    {
        _keys = keys;
        _options = options.Value;
        _timeProvider = timeProvider;
    }

    /// <summary>The principal of a valid token; throws <see cref="BearerTokenException"/> otherwise.</summary>
    public async Task<ClaimsPrincipal> ValidateAsync(string token)
    {
        // Built on first use so the dev key is created by the first request, not by DI; two requests racing
        // here build equal parameters, so the unsynchronised assignment is harmless.
        _parameters ??= CreateParameters();

        // The library reports a token signed with another algorithm as a signature mismatch; the header
        // says it plainly, so check it first for a sentence that names the real problem.
        if (ReadAlgorithm(token) != SecurityAlgorithms.HmacSha256)
        {
            throw BearerTokenException.InvalidToken(NotHs256);
        }

        var result = await _handler.ValidateTokenAsync(token, _parameters).ConfigureAwait(false);
        if (!result.IsValid)
        {
            throw Describe(result.Exception);
        }

        if (result.ClaimsIdentity.FindFirst(JwtRegisteredClaimNames.Sub) is not { Value: var sub } || !UserIds.IsValid(sub))
        {
            throw BearerTokenException.InvalidToken("The bearer token has no valid 'sub' claim naming the user.");
        }

        return new ClaimsPrincipal(result.ClaimsIdentity);
    }

    private TokenValidationParameters CreateParameters() => new()
    {
        IssuerSigningKey = _keys.Key,
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

        return true;
    }

    private BearerTokenException Describe(Exception? exception) => exception switch
    {
        SecurityTokenExpiredException expired => BearerTokenException.InvalidToken(
            $"The bearer token expired at {expired.Expires:yyyy-MM-ddTHH:mm:ssZ}: request a new one."),
        SecurityTokenNotYetValidException notYet => BearerTokenException.InvalidToken(
            $"The bearer token is not valid before {notYet.NotBefore:yyyy-MM-ddTHH:mm:ssZ}: check the clocks of the issuer and of this node."),
        SecurityTokenNoExpirationException => BearerTokenException.InvalidToken(
            "The bearer token has no expiry ('exp' claim); this API accepts only tokens that expire."),
        SecurityTokenInvalidAlgorithmException => BearerTokenException.InvalidToken(NotHs256),
        SecurityTokenSignatureKeyNotFoundException or SecurityTokenInvalidSignatureException => BearerTokenException.InvalidToken(
            "The bearer token's signature does not match this node's signing key: it was issued for another node or data directory, or altered."),
        SecurityTokenInvalidIssuerException => BearerTokenException.InvalidToken(
            $"The bearer token was not issued by '{_options.Issuer}', the issuer this node trusts."),
        SecurityTokenInvalidAudienceException => BearerTokenException.InvalidToken(
            $"The bearer token is not meant for this API: its audience is not '{_options.Audience}'."),
        SecurityTokenMalformedException or ArgumentException => Malformed(),
        _ => BearerTokenException.InvalidToken("The bearer token is not valid."),
    };

    private const string NotHs256 = "The bearer token is not signed with HS256, the only algorithm this API accepts.";

    private string ReadAlgorithm(string token)
    {
        try
        {
            return _handler.ReadJsonWebToken(token).Alg;
        }
        catch (Exception e) when (e is ArgumentException or SecurityTokenMalformedException)
        {
            throw Malformed();
        }
    }

    public static BearerTokenException Malformed() => BearerTokenException.InvalidToken(
        "The bearer token is not a well-formed JWT: expected three base64url parts, header.payload.signature.");
}
