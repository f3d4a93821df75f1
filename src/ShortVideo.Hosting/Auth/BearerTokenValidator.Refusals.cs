using Microsoft.IdentityModel.Tokens;

namespace ShortVideo.Hosting.Auth;

/// <summary>The sentences of <see cref="BearerTokenValidator"/>: one per kind of refusal, each saying what to do.</summary>
internal sealed partial class BearerTokenValidator
{
    private const string NotHs256 = "The bearer token is not signed with HS256, the only algorithm this API accepts.";

    private const string OtherNode = "it was issued for another node or data directory";

    public static BearerTokenException Malformed() => BearerTokenException.InvalidToken(
        "The bearer token is not a well-formed JWT: expected three base64url parts, header.payload.signature.");

    private static BearerTokenException TooLarge(int length) => BearerTokenException.InvalidToken(
        $"The bearer token is {length} characters long; this API reads tokens of at most {MaximumTokenLength} characters.");

    private static BearerTokenException UnknownKey() => BearerTokenException.InvalidToken(
        $"The bearer token names a signing key ('kid') this node does not have: {OtherNode}, or with a key that was deleted.");

    private static BearerTokenException Retired(SigningKeyEntry key) => BearerTokenException.InvalidToken(
        $"The bearer token is signed with a key that was rotated out and retired at {key.RetiresAt:yyyy-MM-ddTHH:mm:ssZ}: request a new token.");

    private static BearerTokenException Revoked(TokenRevocation revocation) => BearerTokenException.InvalidToken(revocation.Kind == TokenRevocationKind.Token
        ? $"This token was revoked at {revocation.At:yyyy-MM-ddTHH:mm:ssZ}: request a new one."
        : $"This token was revoked: every token of its user issued until {revocation.At:yyyy-MM-ddTHH:mm:ssZ} was revoked; request a new one.");

    private static string IssuedInTheFuture(DateTime issuedAt) =>
        $"The bearer token says it was issued at {issuedAt:yyyy-MM-ddTHH:mm:ssZ}, in the future: check the clocks of the issuer and of this node.";

    private string TooLong(TimeSpan lifetime, DateTime expiry, bool measuredFromIssue) =>
        $"The bearer token is valid for {Durations.Describe(lifetime)} ({(measuredFromIssue ? "from 'iat'" : "from now")} until {expiry:yyyy-MM-ddTHH:mm:ssZ}), " +
        $"longer than the {Durations.Describe(_options.MaxTokenLifetime)} this node accepts (Auth:MaxTokenLifetime): request a token that expires sooner.";

    private BearerTokenException Describe(Exception? exception) => exception switch
    {
        LifetimeRefusedException refused => BearerTokenException.InvalidToken(refused.Message),
        SecurityTokenExpiredException expired => BearerTokenException.InvalidToken(
            $"The bearer token expired at {expired.Expires:yyyy-MM-ddTHH:mm:ssZ}: request a new one."),
        SecurityTokenNotYetValidException notYet => BearerTokenException.InvalidToken(
            $"The bearer token is not valid before {notYet.NotBefore:yyyy-MM-ddTHH:mm:ssZ}: check the clocks of the issuer and of this node."),
        SecurityTokenNoExpirationException => BearerTokenException.InvalidToken(
            "The bearer token has no expiry ('exp' claim); this API accepts only tokens that expire."),
        SecurityTokenInvalidAlgorithmException => BearerTokenException.InvalidToken(NotHs256),
        SecurityTokenSignatureKeyNotFoundException or SecurityTokenInvalidSignatureException => BearerTokenException.InvalidToken(
            $"The bearer token's signature does not match this node's signing key: {OtherNode}, or altered."),
        SecurityTokenInvalidIssuerException => BearerTokenException.InvalidToken(
            $"The bearer token was not issued by '{_options.Issuer}', the issuer this node trusts."),
        SecurityTokenInvalidAudienceException => BearerTokenException.InvalidToken(
            $"The bearer token is not meant for this API: its audience is not '{_options.Audience}'."),
        SecurityTokenMalformedException or ArgumentException => Malformed(),
        _ => BearerTokenException.InvalidToken("The bearer token is not valid."),
    };
}
