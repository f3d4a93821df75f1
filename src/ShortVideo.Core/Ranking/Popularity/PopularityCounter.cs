namespace ShortVideo.Ranking.Popularity;

/// <summary>
/// Time-decayed engagement counts per video: the popular fallback for cold users, and the sampling
/// frequency behind the learner's logQ correction.
/// </summary>
/// <remarks>
/// Decay without touching every count: a weight recorded at time t is stored as w·e^((t−origin)/τ), so all
/// counts keep their ratios and only the scale grows; when it gets large, every count is divided once and the
/// origin moves. One writer (Record, Remove, Refresh) owns the counts, a plain dictionary (half the bytes of a
/// concurrent one per video); readers only see the ranked head the writer publishes at most once per
/// <c>refresh</c>, so a feed request never sorts the catalog.
/// </remarks>
internal sealed class PopularityCounter
{
    private const double RescaleAbove = 1e30;

    // Enough head for a page of 500 behind a few thousand exclusions.
    private const int RankedHead = 4096;

    private readonly Dictionary<long, double> _counts = [];
    private readonly TimeProvider _time;
    private readonly double _tauTicks;
    private readonly TimeSpan _refresh;
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

    /// <summary>
    /// The videos' time-decayed counts in units of a weight recorded now. Reads the writer's dictionary, so
    /// callers off the writer thread may see a value a step old (a feature, not an invariant).
    /// </summary>
    public void DecayedCounts(ReadOnlySpan<long> videoIds, Span<float> counts)
    {
        // One lock per request's candidates, not per candidate: feed threads share it.
        DateTimeOffset origin;
        lock (_counts)
        {
            for (var i = 0; i < videoIds.Length; i++)
            {
                counts[i] = (float)_counts.GetValueOrDefault(videoIds[i]);
            }

            origin = _origin;
        }

        var scale = (float)Math.Exp(-(_time.GetUtcNow() - origin).Ticks / _tauTicks);
        for (var i = 0; i < counts.Length; i++)
        {
            counts[i] *= scale;
        }
    }

    /// <summary>Videos with a count. Writer only.</summary>
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
        // Mutations lock out DecayedCounts' readers (the writer's own reads need no lock).
        lock (_counts)
        {
            System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(_counts, videoId, out _) += added;
        }

        _total += added;
    }

    /// <summary>Forgets a video (deleted or made private). Writer only.</summary>
    public void Remove(long videoId)
    {
        double count;
        bool removed;
        lock (_counts)
        {
            removed = _counts.Remove(videoId, out count);
        }

        if (removed)
        {
            _total = Math.Max(0, _total - count);
            var ranked = _ranked;
            if (Array.IndexOf(ranked.Ids, videoId) >= 0)
            {
                Volatile.Write(ref _ranked, ranked with { Ids = Array.FindAll(ranked.Ids, id => id != videoId) });
            }
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
    /// Up to <paramref name="count"/> videos, most popular first as of the last <see cref="Refresh"/>, skipping
    /// those <paramref name="exclude"/> rejects. Safe on any thread.
    /// </summary>
    public List<long> Top(int count, Func<long, bool>? exclude = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var ids = Volatile.Read(ref _ranked).Ids;
        var result = new List<long>(Math.Min(count, ids.Length));
        foreach (var id in ids)
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

    /// <summary>
    /// Republishes the ranked head if it is older than the refresh interval (or <paramref name="force"/>):
    /// a partial selection, O(videos · log head). Writer only.
    /// </summary>
    public void Refresh(bool force = false)
    {
        var now = _time.GetUtcNow();
        if (!force && now - _ranked.BuiltAt < _refresh)
        {
            return;
        }

        // A min-heap of the best RankedHead so far; ties go to the smaller id so the order is deterministic.
        var heap = new PriorityQueue<long, (double Count, long NegatedId)>(RankedHead + 1);
        foreach (var (id, value) in _counts)
        {
            heap.Enqueue(id, (value, -id));
            if (heap.Count > RankedHead)
            {
                heap.Dequeue();
            }
        }

        var ids = new long[heap.Count];
        for (var i = ids.Length - 1; i >= 0; i--)
        {
            ids[i] = heap.Dequeue();
        }

        Volatile.Write(ref _ranked, new Ranked(ids, now));
    }

    /// <summary>The counts and their scale, for snapshots. Writer only.</summary>
    public (DateTimeOffset Origin, double Total, KeyValuePair<long, double>[] Counts) Export() => (_origin, _total, [.. _counts]);

    /// <summary>Replaces every count with a snapshot's. Writer only.</summary>
    public void Import(DateTimeOffset origin, double total, IEnumerable<KeyValuePair<long, double>> counts)
    {
        lock (_counts)
        {
            _counts.Clear();
            foreach (var (id, value) in counts)
            {
                _counts[id] = value;
            }
        }

        _origin = origin;
        _total = total;
        Refresh(force: true);
    }

    private void Rescale(DateTimeOffset now)
    {
        var factor = Math.Exp(-(now - _origin).Ticks / _tauTicks);
        lock (_counts)
        {
            foreach (var id in _counts.Keys.ToArray())
            {
                _counts[id] *= factor;
            }

            _origin = now;
        }

        _total *= factor;
    }

    private sealed record Ranked(long[] Ids, DateTimeOffset BuiltAt);
}
