using Microsoft.Extensions.Options;
using ShortVideo.Feeds.ForYou;
using ShortVideo.Ranking.Engine;

namespace ShortVideo.Feeds;

/// <summary>
/// Each user's last freshly retrieved candidates, so following pages are served without retrieval (bounded,
/// expiring: <see cref="ForYouOptions.CandidateCacheSize"/>, <see cref="ForYouOptions.CandidateCacheLifetime"/>). An
/// interaction of the user makes them stale: stale candidates still serve while younger than
/// <see cref="ForYouOptions.CandidateRefreshAge"/>, then the next page retrieves afresh. Retrievals take a ticket
/// before they start; one that raced an interaction is stored as stale, so it never passes for post-event candidates.
/// </summary>
internal sealed class CandidateCache(IOptions<ForYouOptions> options, TimeProvider time)
{
    private readonly BoundedCache<string, Entry> _entries = new(options.Value.CandidateCacheSize, options.Value.CandidateCacheLifetime, time);
    private readonly TimeSpan _refreshAge = options.Value.CandidateRefreshAge;
    private readonly Lock _gate = new();
    private long _tickets;

    /// <summary>Taken before a retrieval starts.</summary>
    public long Ticket() => Interlocked.Increment(ref _tickets);

    public bool TryGet(string userId, out IReadOnlyList<Recommendation> candidates)
    {
        if (_entries.TryGet(userId, out var entry) && entry.Candidates is { } found
            && (!entry.Stale || time.GetUtcNow() - entry.RetrievedAt < _refreshAge))
        {
            candidates = found;
            return true;
        }

        candidates = [];
        return false;
    }

    /// <summary>Caches what a retrieval that took <paramref name="ticket"/> found; stale when the user interacted since it started.</summary>
    public void Store(string userId, IReadOnlyList<Recommendation> candidates, long ticket)
    {
        lock (_gate)
        {
            var interactedSince = _entries.TryGet(userId, out var old) && old.InteractionTicket > ticket;
            _entries.Set(userId, new Entry(candidates, time.GetUtcNow(), interactedSince, interactedSince ? old!.InteractionTicket : 0));
        }
    }

    /// <summary>The users interacted: their cached candidates are stale from now.</summary>
    public void Invalidate(IEnumerable<string> userIds)
    {
        lock (_gate)
        {
            foreach (var userId in userIds)
            {
                var ticket = Ticket();
                _entries.Set(userId, _entries.TryGet(userId, out var old)
                    ? old with { Stale = true, InteractionTicket = ticket }
                    : new Entry(null, DateTimeOffset.MinValue, true, ticket));
            }
        }
    }

    /// <param name="Candidates">The candidates, or null when only an interaction is known.</param>
    /// <param name="RetrievedAt">When the retrieval stored them.</param>
    /// <param name="Stale">Whether the user interacted after the retrieval started.</param>
    /// <param name="InteractionTicket">The ticket of the user's last interaction (0: none since the retrieval).</param>
    private sealed record Entry(IReadOnlyList<Recommendation>? Candidates, DateTimeOffset RetrievedAt, bool Stale, long InteractionTicket);
}
