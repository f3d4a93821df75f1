using System.Collections.Concurrent;

namespace ShortVideo.Ranking.Popularity;

/// <summary>
/// Time-decayed engagement counts per video: the popular fallback for cold users, and the sampling
/// frequency behind the learner's logQ correction.
/// </summary>
/// <remarks>
/// Decay without touching every count: a weight recorded at time t is stored as w·e^((t−origin)/τ), so all
/// counts keep their ratios and only the scale grows; when it gets large, every count is divided once and the
/// origin moves. One writer (<see cref="Record"/>); readers take <see cref="Top"/> from a ranked list rebuilt
/// at most once per <c>refresh</c>, so a feed request never sorts the catalog.
/// </remarks>
internal sealed class PopularityCounter
{
    private const double RescaleAbove = 1e30;

    private readonly ConcurrentDictionary<long, double> _counts = new();
    private readonly TimeProvider _time;
    private readonly double _tauTicks;
    private readonly TimeSpan _refresh;
    private readonly Lock _rebuild = new();
    private DateTimeOffset _origin;
    private double _total;
    private Ranked _ranked = new([], DateTimeOffset.MinValue);

    public PopularityCounter(TimeProvider time, TimeSpan halfLife, TimeSpan refresh)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(halfLife, TimeSpan.Zero);
        _time = time;
        _tauTicks = halfLife.Ticks / Math.Log(2);
        _refresh = refresh;
        _origin = time.GetUtcNow();
    }

    public int Count => _counts.Count;

    /// <summary>Adds <paramref name="weight"/> to the video's count as of now. Writer only.</summary>
    public void Record(long videoId, double weight)
    {
        if (!(weight > 0) || !double.IsFinite(weight))
        {
            return;
        }

        var now = _time.GetUtcNow();
        var scale = Math.Exp((now - _origin).Ticks / _tauTicks);
        if (scale > RescaleAbove)
        {
            Rescale(now);
            scale = 1;
        }

        var added = weight * scale;
        // One writer: read-then-write cannot lose an increment.
        _counts[videoId] = _counts.GetValueOrDefault(videoId) + added;
        _total += added;
    }

    /// <summary>Forgets a video (deleted or made private). Writer only.</summary>
    public void Remove(long videoId)
    {
        if (_counts.TryRemove(videoId, out var count))
        {
            _total = Math.Max(0, _total - count);
        }
    }

    /// <summary>
    /// The video's share of all recorded engagement, smoothed so an unseen video is rare but not impossible
    /// (a zero would make log q infinite).
    /// </summary>
    public double Frequency(long videoId, int catalogSize)
    {
        var count = _counts.TryGetValue(videoId, out var c) ? c : 0;
        var unit = _total > 0 ? _total / Math.Max(1, _counts.Count) : 1;
        // Half a typical video's count as the prior keeps new videos' q from being absurdly small.
        return (count + (unit * 0.5)) / (_total + (unit * 0.5 * Math.Max(catalogSize, 1)));
    }

    /// <summary>
    /// Up to <paramref name="count"/> videos, most popular first, skipping those <paramref name="exclude"/>
    /// rejects. Safe on any thread.
    /// </summary>
    public List<long> Top(int count, Func<long, bool>? exclude = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var ranked = Current(count);
        var result = new List<long>(Math.Min(count, ranked.Ids.Length));
        foreach (var id in ranked.Ids)
        {
            if (result.Count == count)
            {
                break;
            }

            if (exclude is null || !exclude(id))
            {
                result.Add(id);
            }
        }

        return result;
    }

    private Ranked Current(int wanted)
    {
        var ranked = Volatile.Read(ref _ranked);
        var now = _time.GetUtcNow();
        var fresh = now - ranked.BuiltAt < _refresh && (ranked.Ids.Length >= Math.Min(_counts.Count, 4 * wanted));
        if (fresh)
        {
            return ranked;
        }

        lock (_rebuild)
        {
            ranked = Volatile.Read(ref _ranked);
            if (now - ranked.BuiltAt < _refresh && ranked.Ids.Length >= Math.Min(_counts.Count, 4 * wanted))
            {
                return ranked;
            }

            // Keep a generous head (four pages' worth, at least 1024) so exclusions rarely exhaust it.
            var keep = Math.Max(1024, 4 * wanted);
            var entries = _counts.ToArray();
            Array.Sort(entries, static (a, b) => b.Value != a.Value ? b.Value.CompareTo(a.Value) : a.Key.CompareTo(b.Key));
            var ids = new long[Math.Min(keep, entries.Length)];
            for (var i = 0; i < ids.Length; i++)
            {
                ids[i] = entries[i].Key;
            }

            ranked = new Ranked(ids, now);
            Volatile.Write(ref _ranked, ranked);
            return ranked;
        }
    }

    /// <summary>The counts and their scale, for snapshots. Writer only.</summary>
    public (DateTimeOffset Origin, double Total, KeyValuePair<long, double>[] Counts) Export() => (_origin, _total, _counts.ToArray());

    /// <summary>Replaces every count with a snapshot's. Writer only.</summary>
    public void Import(DateTimeOffset origin, double total, IEnumerable<KeyValuePair<long, double>> counts)
    {
        _counts.Clear();
        foreach (var (id, value) in counts)
        {
            _counts[id] = value;
        }

        _origin = origin;
        _total = total;
        Volatile.Write(ref _ranked, new Ranked([], DateTimeOffset.MinValue));
    }

    private void Rescale(DateTimeOffset now)
    {
        var factor = Math.Exp(-(now - _origin).Ticks / _tauTicks);
        foreach (var (id, value) in _counts)
        {
            _counts[id] = value * factor;
        }

        _total *= factor;
        _origin = now;
    }

    private sealed record Ranked(long[] Ids, DateTimeOffset BuiltAt);
}
