namespace ShortVideo.Hosting.Auth;

/// <summary>
/// Revokes bearer tokens by id (<c>jti</c>) or every token of a user issued until now: used by
/// <c>svctl token revoke</c>. Nodes sharing the revocation store (in embedded mode: the data directory) refuse
/// the tokens within <see cref="AuthOptions.RefreshInterval"/>, without a restart. Resolve it from a service
/// provider configured with <c>AddShortVideoAuth()</c>.
/// </summary>
public sealed class TokenRevoker
{
    private readonly ITokenRevocationStore _store;
    private readonly IssuedTokenLog _issued;
    private readonly TimeProvider _timeProvider;

    internal TokenRevoker(ITokenRevocationStore store, IssuedTokenLog issued, TimeProvider timeProvider)
    {
        _store = store;
        _issued = issued;
        _timeProvider = timeProvider;
    }

    /// <summary>Revokes the token whose <c>jti</c> is <paramref name="tokenId"/>.</summary>
    /// <param name="tokenId">The token's id: 1 to 128 characters among letters, digits, '_', '.', ':' and '-'.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>What was revoked; an id never issued here is revoked all the same (it may come from elsewhere).</returns>
    /// <exception cref="ArgumentException">The id is not valid.</exception>
    /// <exception cref="IOException">The revocation could not be recorded.</exception>
    public async Task<TokenRevocationResult> RevokeTokenAsync(string tokenId, CancellationToken cancellationToken = default)
    {
        TokenIds.Validate(tokenId, nameof(tokenId));
        var now = _timeProvider.GetUtcNow();
        var live = _issued.CountUnexpired((id, _) => id == tokenId, now);
        if (await IsRevokedAsync(tokenId, cancellationToken).ConfigureAwait(false))
        {
            return new TokenRevocationResult(now, live, alreadyRevoked: true);
        }

        await _store.AddAsync(new TokenRevocation(TokenRevocationKind.Token, tokenId, now), cancellationToken).ConfigureAwait(false);
        return new TokenRevocationResult(now, live, alreadyRevoked: false);
    }

    /// <summary>Revokes every token of <paramref name="userId"/> issued until now (to the second); later tokens are accepted.</summary>
    /// <param name="userId">The user id (a token's <c>sub</c>).</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>What was revoked; a user with no token issued here is revoked all the same.</returns>
    /// <exception cref="ArgumentException">The user id is not valid.</exception>
    /// <exception cref="IOException">The revocation could not be recorded.</exception>
    public async Task<TokenRevocationResult> RevokeUserAsync(string userId, CancellationToken cancellationToken = default)
    {
        UserIds.Validate(userId, nameof(userId));
        var now = _timeProvider.GetUtcNow();
        var live = _issued.CountUnexpired((_, user) => user == userId, now);
        await _store.AddAsync(new TokenRevocation(TokenRevocationKind.User, userId, now), cancellationToken).ConfigureAwait(false);
        return new TokenRevocationResult(now, live, alreadyRevoked: false);
    }

    private async Task<bool> IsRevokedAsync(string tokenId, CancellationToken cancellationToken)
    {
        var all = await _store.ReadChangesAsync(cursor: null, cancellationToken).ConfigureAwait(false);
        foreach (var revocation in all.Added)
        {
            if (revocation.Kind == TokenRevocationKind.Token && revocation.Id == tokenId)
            {
                return true;
            }
        }

        return false;
    }
}
