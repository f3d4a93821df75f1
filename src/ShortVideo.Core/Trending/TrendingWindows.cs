namespace ShortVideo.Trending;

/// <summary>Weighted counts of one video in one minute, or summed over a window.</summary>
/// <param name="Interactions">Views, completes, likes and shares, weighted.</param>
/// <param name="Uploads">Its upload's weight (counted for its hashtags only).</param>
internal readonly record struct TrendingWeight(double Interactions, double Uploads)
{
    public static TrendingWeight operator +(TrendingWeight a, TrendingWeight b) => new(a.Interactions + b.Interactions, a.Uploads + b.Uploads);

    public static TrendingWeight operator -(TrendingWeight a, TrendingWeight b) => new(a.Interactions - b.Interactions, a.Uploads - b.Uploads);
}

/// <summary>
/// Sliding windows of per-video weights in per-minute buckets (at most 24 h x 60 of them): each window keeps a running
/// total per video, added to as weights arrive and subtracted from as minutes leave it, so reading a window is one pass
/// over the videos active in it (no re-summing of buckets). Not thread-safe: the owner locks.
/// </summary>
internal sealed class TrendingWindows
{
    public const long HourMinutes = 60;
    public const long DayMinutes = 24 * 60;

    private readonly SortedDictionary<long, Dictionary<string, TrendingWeight>> _minutes = [];
    private readonly Dictionary<string, TrendingWeight> _hour = new(StringComparer.Ordinal);
    private readonly Dictionary<string, TrendingWeight> _day = new(StringComparer.Ordinal);
    private long _now = long.MinValue;

    /// <summary>Minutes whose buckets changed since <see cref="TakeDirty"/> last ran.</summary>
    private readonly HashSet<long> _dirty = [];

    /// <summary>Adds <paramref name="weight"/> to <paramref name="videoId"/> in <paramref name="minute"/> (ignored when outside the day window or in the future).</summary>
    public void Add(long minute, string videoId, TrendingWeight weight)
    {
        if (minute <= _now - DayMinutes || minute > _now)
        {
            return;
        }

        if (!_minutes.TryGetValue(minute, out var bucket))
        {
            _minutes[minute] = bucket = new Dictionary<string, TrendingWeight>(StringComparer.Ordinal);
        }

        bucket[videoId] = bucket.GetValueOrDefault(videoId) + weight;
        _dirty.Add(minute);
        _day[videoId] = _day.GetValueOrDefault(videoId) + weight;
        if (minute > _now - HourMinutes)
        {
            _hour[videoId] = _hour.GetValueOrDefault(videoId) + weight;
        }
    }

    /// <summary>Moves the windows to end at <paramref name="minute"/>: minutes that left a window leave its totals.</summary>
    public void Advance(long minute)
    {
        if (_now == long.MinValue)
        {
            _now = minute;
            return;
        }

        if (minute <= _now)
        {
            return;
        }

        var previous = _now;
        _now = minute;
        foreach (var (at, bucket) in _minutes.ToList())
        {
            if (at <= minute - DayMinutes)
            {
                Subtract(_day, bucket);
                if (at > previous - HourMinutes)
                {
                    Subtract(_hour, bucket);
                }

                _minutes.Remove(at);
                continue;
            }

            if (at <= minute - HourMinutes && at > previous - HourMinutes)
            {
                Subtract(_hour, bucket);
            }
        }
    }

    /// <summary>Forgets the video in every minute and window.</summary>
    public void Remove(string videoId)
    {
        _hour.Remove(videoId);
        _day.Remove(videoId);
        foreach (var bucket in _minutes.Values)
        {
            bucket.Remove(videoId);
        }
    }

    /// <summary>The running totals of <paramref name="window"/>.</summary>
    public IReadOnlyDictionary<string, TrendingWeight> Totals(TrendingWindow window) => window == TrendingWindow.Hour ? _hour : _day;

    /// <summary>The buckets changed since the last call (a copy), for the store.</summary>
    public List<(long Minute, Dictionary<string, TrendingWeight> Bucket)> TakeDirty()
    {
        var dirty = new List<(long, Dictionary<string, TrendingWeight>)>();
        foreach (var minute in _dirty)
        {
            if (_minutes.TryGetValue(minute, out var bucket))
            {
                dirty.Add((minute, new Dictionary<string, TrendingWeight>(bucket, StringComparer.Ordinal)));
            }
        }

        _dirty.Clear();
        return dirty;
    }

    /// <summary>The oldest minute still in the day window.</summary>
    public long OldestKept => _now - DayMinutes + 1;

    private static void Subtract(Dictionary<string, TrendingWeight> totals, Dictionary<string, TrendingWeight> bucket)
    {
        foreach (var (videoId, weight) in bucket)
        {
            if (!totals.TryGetValue(videoId, out var total))
            {
                continue;
            }

            var left = total - weight;
            if (Math.Abs(left.Interactions) < 1e-9 && Math.Abs(left.Uploads) < 1e-9)
            {
                totals.Remove(videoId);
            }
            else
            {
                totals[videoId] = left;
            }
        }
    }
}
