namespace ShortVideo.Hosting.Auth;

/// <summary>Bearer token authentication of a node (configuration section "Auth").</summary>
public sealed class AuthOptions
{
    /// <summary>Configuration section bound to these options.</summary>
    public const string SectionName = "Auth";

    /// <summary>Smallest HMAC-SHA256 key accepted, in bytes: the hash size, as RFC 7518 §3.2 requires.</summary>
    public const int MinimumSigningKeyBytes = 32;

    /// <summary>Where the signing key comes from. Default <see cref="AuthMode.Dev"/>.</summary>
    public AuthMode Mode { get; set; } = AuthMode.Dev;

    /// <summary>Base64 HMAC-SHA256 key of at least 32 bytes; required in <see cref="AuthMode.Production"/>, ignored in Dev.</summary>
    public string? SigningKey { get; set; }

    /// <summary>
    /// Keys that signed tokens before <see cref="SigningKey"/> replaced them, each accepted until its
    /// <see cref="PreviousSigningKey.ValidUntil"/>: the overlap window of a key rotation in
    /// <see cref="AuthMode.Production"/> (ignored in Dev, where <c>svctl key rotate</c> keeps the keys).
    /// </summary>
    public IList<PreviousSigningKey> PreviousSigningKeys { get; } = [];

    /// <summary>The <c>iss</c> that tokens carry and that the node requires. Default "shortvideo".</summary>
    public string Issuer { get; set; } = "shortvideo";

    /// <summary>The <c>aud</c> that tokens carry and that the node requires. Default "shortvideo-api".</summary>
    public string Audience { get; set; } = "shortvideo-api";

    /// <summary>Tolerance for clocks that disagree when checking <c>exp</c>, <c>nbf</c> and <c>iat</c>. Default 30 seconds.</summary>
    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Longest lifetime a token may claim (<c>exp</c> - <c>iat</c>, or <c>exp</c> - now without <c>iat</c>):
    /// a longer-lived token is refused, and <see cref="TokenIssuer"/> issues none. Default 30 days, at most 365.
    /// </summary>
    public TimeSpan MaxTokenLifetime { get; set; } = TimeSpan.FromDays(30);

    /// <summary>
    /// How often a node looks for revocations (<c>svctl token revoke</c>) and for rotated dev keys
    /// (<c>svctl key rotate</c>) made while it runs: the longest a revoked token keeps working. Default 2 seconds.
    /// </summary>
    public TimeSpan RefreshInterval { get; set; } = TimeSpan.FromSeconds(2);
}
