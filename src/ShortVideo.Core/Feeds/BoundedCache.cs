using System.Collections.Concurrent;

namespace ShortVideo.Feeds;

/// <summary>
/// A concurrent map whose entries expire <paramref name="lifetime"/> after their last write or touch, holding at most
/// about <paramref name="capacity"/> of them: past it, a write sweeps out the expired entries and, if that is not
/// enough, the oldest tenth. Per-user and per-session feed state lives here so a flood of users or sessions costs
/// bounded memory.
/// </summary>
internal sealed class BoundedCache<TKey, TValue>(int capacity, TimeSpan lifetime, TimeProvider time)
    where TKey : notnull
{
    private readonly ConcurrentDictionary<TKey, Entry> _entries = new();
    private int _trimming;

    public int Count => _entries.Count;

    public bool TryGet(TKey key, out TValue value)
    {
        var now = time.GetUtcNow().UtcTicks;
        if (_entries.TryGetValue(key, out var entry) && entry.ExpiresTicks > now)
        {
            value = entry.Value;
            return true;
        }

        value = default!;
        return false;
    }

    /// <summary>The live value, its lifetime renewed; or a new one from <paramref name="create"/>.</summary>
    public TValue GetOrAdd(TKey key, Func<TValue> create)
    {
        var now = time.GetUtcNow().UtcTicks;
        var expires = now + lifetime.Ticks;
        var entry = _entries.AddOrUpdate(
            key,
            static (_, state) => new Entry(state.create(), state.expires),
            static (_, old, state) => old.ExpiresTicks > state.now ? old with { ExpiresTicks = state.expires } : new Entry(state.create(), state.expires),
            (create, expires, now));
        TrimIfFull(now);
        return entry.Value;
    }

    public void Set(TKey key, TValue value)
    {
        var now = time.GetUtcNow().UtcTicks;
        _entries[key] = new Entry(value, now + lifetime.Ticks);
        TrimIfFull(now);
    }

    public void Remove(TKey key) => _entries.TryRemove(key, out _);

    private void TrimIfFull(long now)
    {
        if (_entries.Count <= capacity || Interlocked.Exchange(ref _trimming, 1) != 0)
        {
            return;
        }

        try
        {
            foreach (var (key, entry) in _entries)
            {
                if (entry.ExpiresTicks <= now)
                {
                    _entries.TryRemove(key, out _);
                }
            }

            var excess = _entries.Count - capacity;
            if (excess > 0)
            {
                // The oldest tenth (by expiry, so by last use) goes at once: a sweep per write would cost O(n) each.
                var oldest = _entries.ToArray();
                Array.Sort(oldest, static (a, b) => a.Value.ExpiresTicks.CompareTo(b.Value.ExpiresTicks));
                var drop = Math.Min(oldest.Length, excess + (capacity / 10));
                for (var i = 0; i < drop; i++)
                {
                    _entries.TryRemove(oldest[i].Key, out _);
                }
            }
        }
        finally
        {
            Volatile.Write(ref _trimming, 0);
        }
    }

    private sealed record Entry(TValue Value, long ExpiresTicks);
}
