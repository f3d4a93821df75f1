namespace ShortVideo.Hosting.Auth;

/// <summary>The outcome of a <see cref="TokenRevoker"/> call.</summary>
public sealed class TokenRevocationResult
{
    internal TokenRevocationResult(DateTimeOffset revokedAt, int unexpiredIssuedTokens, bool alreadyRevoked)
    {
        RevokedAt = revokedAt;
        UnexpiredIssuedTokens = unexpiredIssuedTokens;
        AlreadyRevoked = alreadyRevoked;
    }

    /// <summary>When the revocation was recorded; for a user, tokens issued up to this second are refused.</summary>
    public DateTimeOffset RevokedAt { get; }

    /// <summary>
    /// How many unexpired dev tokens issued on this data directory the revocation covers; 0 when the id or user
    /// is unknown here (or in Production mode, where tokens come from the identity provider).
    /// </summary>
    public int UnexpiredIssuedTokens { get; }

    /// <summary>True when the token id was revoked before: nothing was recorded.</summary>
    public bool AlreadyRevoked { get; }
}
