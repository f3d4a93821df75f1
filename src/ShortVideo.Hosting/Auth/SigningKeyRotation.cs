namespace ShortVideo.Hosting.Auth;

/// <summary>The outcome of <see cref="SigningKeyRotator.Rotate"/>.</summary>
public sealed class SigningKeyRotation
{
    internal SigningKeyRotation(string keyId, string previousKeyId, DateTimeOffset previousKeyRetiresAt)
    {
        KeyId = keyId;
        PreviousKeyId = previousKeyId;
        PreviousKeyRetiresAt = previousKeyRetiresAt;
    }

    /// <summary>The <c>kid</c> of the new key, which signs every token issued from now on.</summary>
    public string KeyId { get; }

    /// <summary>The <c>kid</c> of the key it replaced.</summary>
    public string PreviousKeyId { get; }

    /// <summary>When tokens signed with the previous key stop being accepted.</summary>
    public DateTimeOffset PreviousKeyRetiresAt { get; }
}
