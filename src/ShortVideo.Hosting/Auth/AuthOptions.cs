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

    /// <summary>The <c>iss</c> that tokens carry and that the node requires. Default "shortvideo".</summary>
    public string Issuer { get; set; } = "shortvideo";

    /// <summary>The <c>aud</c> that tokens carry and that the node requires. Default "shortvideo-api".</summary>
    public string Audience { get; set; } = "shortvideo-api";

    /// <summary>Tolerance for clocks that disagree when checking <c>exp</c> and <c>nbf</c>. Default 30 seconds.</summary>
    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromSeconds(30);
}
