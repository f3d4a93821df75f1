using Microsoft.Extensions.Options;
using ShortVideo.Feeds.ForYou;
using ShortVideo.Ranking.Engine;

namespace ShortVideo.Feeds;

/// <summary>
/// Each user's last freshly retrieved candidates, so following pages are served without retrieval (bounded,
/// expiring: <see cref="ForYouOptions.CandidateCacheSize"/>, <see cref="ForYouOptions.CandidateCacheLifetime"/>). An
/// interaction of the user invalidates them. Retrievals take a ticket before they start and store only if no
/// invalidation came after it, so a retrieval that raced an event never caches the page from before it.
/// </summary>
internal sealed class CandidateCache(IOptions<ForYouOptions> options, TimeProvider time)
{
    private readonly BoundedCache<string, Entry> _entries = new(options.Value.CandidateCacheSize, options.Value.CandidateCacheLifetime, time);
    private readonly Lock _gate = new();
    private long _tickets;

    /// <summary>Taken before a retrieval starts.</summary>
    public long Ticket() => Interlocked.Increment(ref _tickets);

    public bool TryGet(string userId, out IReadOnlyList<Recommendation> candidates)
    {
        if (_entries.TryGet(userId, out var entry) && entry.Candidates is { } found)
        {
            candidates = found;
            return true;
        }

        candidates = [];
        return false;
    }

    /// <summary>Caches what a retrieval that took <paramref name="ticket"/> found, unless the user was invalidated since.</summary>
    public bool Store(string userId, IReadOnlyList<Recommendation> candidates, long ticket)
    {
        lock (_gate)
        {
            if (_entries.TryGet(userId, out var old) && old.Ticket > ticket)
            {
                return false;
            }

            _entries.Set(userId, new Entry(candidates, ticket));
            return true;
        }
    }

    public void Invalidate(IEnumerable<string> userIds)
    {
        lock (_gate)
        {
            foreach (var userId in userIds)
            {
                _entries.Set(userId, new Entry(null, Ticket()));
            }
        }
    }

    /// <param name="Candidates">The candidates, or null for an invalidation mark.</param>
    /// <param name="Ticket">The retrieval's ticket, or the invalidation's.</param>
    private sealed record Entry(IReadOnlyList<Recommendation>? Candidates, long Ticket);
}
