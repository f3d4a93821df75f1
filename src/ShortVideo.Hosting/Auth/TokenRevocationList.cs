using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ShortVideo.Hosting.Auth;

/// <summary>
/// A node's copy of the revocations, answered from memory (two dictionary lookups per request) and brought up
/// to date from <see cref="ITokenRevocationStore"/> at most once per <see cref="AuthOptions.RefreshInterval"/>:
/// a revocation made while the node runs takes effect within that interval, without a restart.
/// </summary>
internal sealed partial class TokenRevocationList : IDisposable
{
    private readonly ITokenRevocationStore _store;
    private readonly RefreshSchedule _schedule;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private Snapshot _snapshot = Snapshot.Empty;
    private string? _cursor;

    public TokenRevocationList(ITokenRevocationStore store, IOptions<AuthOptions> options, TimeProvider timeProvider, ILogger<TokenRevocationList> logger)
    {
        _store = store;
        _logger = logger;
        _schedule = new RefreshSchedule(timeProvider, options.Value.RefreshInterval);
    }

    /// <summary>The revocation that covers the token, or null when none does.</summary>
    /// <param name="tokenId">The token's <c>jti</c>, when it has one.</param>
    /// <param name="userId">The token's <c>sub</c>.</param>
    /// <param name="issuedAt">The token's <c>iat</c>; a token without one is covered by any revocation of its user.</param>
    /// <param name="cancellationToken">Cancels the wait for a refresh.</param>
    public async ValueTask<TokenRevocation?> FindAsync(string? tokenId, string userId, DateTimeOffset? issuedAt, CancellationToken cancellationToken)
    {
        if (_schedule.IsDue)
        {
            await RefreshAsync(cancellationToken).ConfigureAwait(false);
        }

        var snapshot = Volatile.Read(ref _snapshot);
        if (tokenId is not null && snapshot.Tokens.TryGetValue(tokenId, out var revokedAt))
        {
            return new TokenRevocation(TokenRevocationKind.Token, tokenId, revokedAt);
        }

        // iat has whole seconds, and so has the cut-off: a token issued in the revocation's second is covered too.
        if (snapshot.Users.TryGetValue(userId, out var cutoff) && (issuedAt is not { } issued || issued.ToUnixTimeSeconds() <= cutoff.ToUnixTimeSeconds()))
        {
            return new TokenRevocation(TokenRevocationKind.User, userId, cutoff);
        }

        return null;
    }

    public void Dispose() => _gate.Dispose();

    private async Task RefreshAsync(CancellationToken cancellationToken)
    {
        // One caller reads the store; the others wait for it rather than answer from a list it is replacing.
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (!_schedule.IsDue)
            {
                return;
            }

            var changes = await _store.ReadChangesAsync(_cursor, cancellationToken).ConfigureAwait(false);
            if (changes.Reset || changes.Added.Count > 0)
            {
                Volatile.Write(ref _snapshot, (changes.Reset ? Snapshot.Empty : _snapshot).With(changes.Added));
            }

            _cursor = changes.Cursor;
            _schedule.Done();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Keep the list known so far and look again next interval: refusing every token because the file
            // cannot be read this instant would be an outage, and forgetting revocations would be worse.
            LogRefreshFailed(_logger, e.Message);
            _schedule.Done();
        }
        finally
        {
            _gate.Release();
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The token revocations could not be read; the list read before stays in use: {Reason}")]
    private static partial void LogRefreshFailed(ILogger logger, string reason);

    /// <summary>Immutable: a refresh builds a new one, so readers need no lock.</summary>
    private sealed class Snapshot(Dictionary<string, DateTimeOffset> tokens, Dictionary<string, DateTimeOffset> users)
    {
        public static readonly Snapshot Empty = new(new(StringComparer.Ordinal), new(StringComparer.Ordinal));

        public Dictionary<string, DateTimeOffset> Tokens { get; } = tokens;

        /// <summary>User id to the latest cut-off: a later revocation covers everything an earlier one did.</summary>
        public Dictionary<string, DateTimeOffset> Users { get; } = users;

        public Snapshot With(IReadOnlyList<TokenRevocation> added)
        {
            var tokens = new Dictionary<string, DateTimeOffset>(Tokens, StringComparer.Ordinal);
            var users = new Dictionary<string, DateTimeOffset>(Users, StringComparer.Ordinal);
            foreach (var revocation in added)
            {
                if (revocation.Kind == TokenRevocationKind.Token)
                {
                    tokens.TryAdd(revocation.Id, revocation.At);
                }
                else if (!users.TryGetValue(revocation.Id, out var cutoff) || revocation.At > cutoff)
                {
                    users[revocation.Id] = revocation.At;
                }
            }

            return new Snapshot(tokens, users);
        }
    }
}
