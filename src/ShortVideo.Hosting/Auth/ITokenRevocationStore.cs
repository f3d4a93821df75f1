namespace ShortVideo.Hosting.Auth;

/// <summary>
/// Where token revocations are kept, shared by every node and by <c>svctl token revoke</c>. A node never asks
/// it about one request: <see cref="TokenRevocationList"/> reads the changes once per refresh interval. The
/// embedded default is a file in the data directory (<see cref="FileTokenRevocationStore"/>); a scale-out
/// store (Redis, PostgreSQL) keeps the same two operations.
/// </summary>
internal interface ITokenRevocationStore
{
    /// <summary>Records <paramref name="revocation"/>; it is durable when the returned task completes.</summary>
    ValueTask AddAsync(TokenRevocation revocation, CancellationToken cancellationToken);

    /// <summary>
    /// The revocations recorded after <paramref name="cursor"/> (all of them when it is null), and the cursor to
    /// pass next time. <see cref="TokenRevocationChanges.Reset"/> says the store was replaced and the list is
    /// complete: the caller forgets what it had.
    /// </summary>
    ValueTask<TokenRevocationChanges> ReadChangesAsync(string? cursor, CancellationToken cancellationToken);
}

/// <summary>What a revocation covers.</summary>
internal enum TokenRevocationKind
{
    /// <summary>The one token whose <c>jti</c> is <see cref="TokenRevocation.Id"/>.</summary>
    Token,

    /// <summary>Every token of the user <see cref="TokenRevocation.Id"/> issued at or before <see cref="TokenRevocation.At"/>.</summary>
    User,
}

/// <summary>One revocation: of a token id, or of a user's tokens issued up to <see cref="At"/> (whole seconds, as <c>iat</c>).</summary>
internal readonly record struct TokenRevocation(TokenRevocationKind Kind, string Id, DateTimeOffset At);

/// <summary>Revocations added since a cursor.</summary>
internal sealed record TokenRevocationChanges(IReadOnlyList<TokenRevocation> Added, string? Cursor, bool Reset);
