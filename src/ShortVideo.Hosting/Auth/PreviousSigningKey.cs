namespace ShortVideo.Hosting.Auth;

/// <summary>
/// A production signing key that was replaced and is still accepted for a while
/// (configuration "Auth:PreviousSigningKeys:0:Key" and "...:ValidUntil").
/// </summary>
public sealed class PreviousSigningKey
{
    /// <summary>Base64 HMAC-SHA256 key of at least 32 bytes, as <see cref="AuthOptions.SigningKey"/> was.</summary>
    public string? Key { get; set; }

    /// <summary>End of the overlap window: tokens signed with this key are refused from this instant on. Required.</summary>
    public DateTimeOffset? ValidUntil { get; set; }
}
