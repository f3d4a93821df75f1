using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace ShortVideo.Ranking.Exploration;

/// <summary>
/// Thompson sampling over new videos: each keeps a Beta posterior of its completion rate (completions and
/// skips counted from impressions). To fill the exploration slots of a page, every candidate (or a random sample of
/// them, <see cref="ExplorationOptions.PickSample"/>) draws a rate from its posterior, multiplied by a freshness boost
/// that halves every half-life; the highest draws win. Videos that complete well are shown more, uncertain ones still
/// get chances, and after enough impressions a video graduates to retrieval alone. Only the newest
/// <see cref="ExplorationOptions.MaxVideos"/> are explored. Impressions are counted with Interlocked; a pick holds
/// the lock only to copy its sample.
/// </summary>
internal sealed class ExplorationBandit(IOptions<ExplorationOptions> options, TimeProvider time)
{
    private readonly ExplorationOptions _options = Validated(options.Value);

    // Lock-free lookups for the learner's impressions; the list gives a pick random access; the heap finds the oldest
    // video to evict when the bandit is full (entries of videos that left are skipped when they surface).
    private readonly ConcurrentDictionary<long, Arm> _arms = new();
    private readonly List<Arm> _list = [];
    private readonly PriorityQueue<Arm, DateTimeOffset> _oldest = new();
    private readonly Lock _gate = new();

    // Kept beside the collections: ConcurrentDictionary.Count takes every lock, and every feed request asks.
    private int _candidates;

    /// <summary>New videos still being explored.</summary>
    public int CandidateCount => Volatile.Read(ref _candidates);

    /// <summary>The exploration slots of a page of <paramref name="pageSize"/>: the configured share, at least one when there is a share at all.</summary>
    public int SlotsFor(int pageSize) =>
        pageSize <= 0 || _options.SlotShare <= 0 ? 0 : Math.Clamp((int)Math.Round(pageSize * _options.SlotShare), 1, pageSize);

    /// <summary>
    /// Adds a video to exploration (again is a no-op). When <see cref="ExplorationOptions.MaxVideos"/> are explored
    /// already, the oldest of them leaves for it, or it is not added when it is older than all of them.
    /// </summary>
    public void Register(long videoId, DateTimeOffset publishedAt)
    {
        lock (_gate)
        {
            if (_arms.ContainsKey(videoId))
            {
                return;
            }

            if (_list.Count >= _options.MaxVideos)
            {
                var oldest = OldestLocked();
                if (oldest is null || publishedAt <= oldest.PublishedAt)
                {
                    return;
                }

                RemoveLocked(oldest);
            }

            var arm = new Arm(videoId, publishedAt) { Index = _list.Count };
            _list.Add(arm);
            _arms[videoId] = arm;
            _oldest.Enqueue(arm, publishedAt);
            Volatile.Write(ref _candidates, _list.Count);
            if (_oldest.Count > (2 * _list.Count) + 64)
            {
                RebuildHeapLocked();
            }
        }
    }

    /// <summary>Takes a video out of exploration (deleted or made private); false when it was not in it.</summary>
    public bool Remove(long videoId)
    {
        lock (_gate)
        {
            if (!_arms.TryGetValue(videoId, out var arm))
            {
                return false;
            }

            RemoveLocked(arm);
            return true;
        }
    }

    /// <summary>Counts one impression; a video that reached the graduation count leaves exploration.</summary>
    public void RecordImpression(long videoId, bool completed)
    {
        if (!_arms.TryGetValue(videoId, out var arm))
        {
            return;
        }

        if (completed)
        {
            Interlocked.Increment(ref arm.Completions);
        }
        else
        {
            Interlocked.Increment(ref arm.Skips);
        }

        if (arm.Completions + arm.Skips >= _options.GraduateAfterImpressions)
        {
            Remove(videoId);
        }
    }

    /// <summary>
    /// Up to <paramref name="count"/> videos for exploration slots, best draw first, never one in
    /// <paramref name="exclude"/>. Draws for every explored video, or for a random <see cref="ExplorationOptions.PickSample"/> of them.
    /// </summary>
    public IReadOnlyList<long> Pick(int count, Random random, IReadOnlySet<long>? exclude = null)
    {
        ArgumentNullException.ThrowIfNull(random);
        if (count <= 0)
        {
            return [];
        }

        var now = time.GetUtcNow();
        var best = new List<(double Score, long Id)>(count + 1);
        foreach (var arm in Sample(random))
        {
            if (exclude?.Contains(arm.Id) == true)
            {
                continue;
            }

            var rate = BetaSampler.Sample(random, _options.PriorCompletions + Volatile.Read(ref arm.Completions), _options.PriorSkips + Volatile.Read(ref arm.Skips));
            var score = rate * (1 + (_options.FreshnessWeight * Freshness(now - arm.PublishedAt)));
            if (best.Count < count || score > best[^1].Score)
            {
                var at = 0;
                while (at < best.Count && best[at].Score >= score)
                {
                    at++;
                }

                best.Insert(at, (score, arm.Id));
                if (best.Count > count)
                {
                    best.RemoveAt(best.Count - 1);
                }
            }
        }

        var picked = new long[best.Count];
        for (var i = 0; i < picked.Length; i++)
        {
            picked[i] = best[i].Id;
        }

        return picked;
    }

    /// <summary>Every explored video, or <see cref="ExplorationOptions.PickSample"/> distinct ones drawn uniformly (Floyd's method).</summary>
    private Arm[] Sample(Random random)
    {
        lock (_gate)
        {
            var n = _list.Count;
            var k = _options.PickSample;
            if (n <= k)
            {
                return [.. _list];
            }

            var chosen = new HashSet<int>(k);
            var sample = new Arm[k];
            var filled = 0;
            for (var j = n - k; j < n; j++)
            {
                var t = random.Next(j + 1);
                var index = chosen.Add(t) ? t : j;
                chosen.Add(index);
                sample[filled++] = _list[index];
            }

            return sample;
        }
    }

    /// <summary>The oldest explored video, dropping heap entries of videos that already left.</summary>
    private Arm? OldestLocked()
    {
        while (_oldest.TryPeek(out var arm, out _))
        {
            if (_arms.TryGetValue(arm.Id, out var current) && ReferenceEquals(current, arm))
            {
                return arm;
            }

            _oldest.Dequeue();
        }

        return null;
    }

    /// <summary>Swap-remove from the list, so it stays dense for sampling.</summary>
    private void RemoveLocked(Arm arm)
    {
        _arms.TryRemove(arm.Id, out _);
        var last = _list[^1];
        _list[arm.Index] = last;
        last.Index = arm.Index;
        _list.RemoveAt(_list.Count - 1);
        Volatile.Write(ref _candidates, _list.Count);
    }

    private void RebuildHeapLocked()
    {
        _oldest.Clear();
        foreach (var arm in _list)
        {
            _oldest.Enqueue(arm, arm.PublishedAt);
        }
    }

    private static ExplorationOptions Validated(ExplorationOptions o)
    {
        var problem =
            o.SlotShare is < 0 or > 1 || double.IsNaN(o.SlotShare) ? "Ranking:Exploration:SlotShare must be between 0 and 1." :
            o.GraduateAfterImpressions < 1 ? "Ranking:Exploration:GraduateAfterImpressions must be at least 1." :
            o.FreshnessHalfLife <= TimeSpan.Zero ? "Ranking:Exploration:FreshnessHalfLife must be positive." :
            o.FreshnessWeight < 0 || !double.IsFinite(o.FreshnessWeight) ? "Ranking:Exploration:FreshnessWeight must be zero or positive." :
            o.MaxVideos < 1 ? "Ranking:Exploration:MaxVideos must be at least 1." :
            o.PickSample < 1 ? "Ranking:Exploration:PickSample must be at least 1." :
            !(o.PriorCompletions > 0) || !(o.PriorSkips > 0) || !double.IsFinite(o.PriorCompletions + o.PriorSkips) ? "Ranking:Exploration priors must be positive numbers." :
            null;
        return problem is null ? o : throw new ArgumentException(problem, nameof(o));
    }

    /// <summary>1 at publication, halving every half-life.</summary>
    private double Freshness(TimeSpan age) =>
        age <= TimeSpan.Zero ? 1 : Math.Pow(0.5, age / _options.FreshnessHalfLife);

    private sealed class Arm(long id, DateTimeOffset publishedAt)
    {
        public readonly long Id = id;
        public readonly DateTimeOffset PublishedAt = publishedAt;

        /// <summary>Position in the list; changed only under the gate.</summary>
        public int Index;
        public long Completions;
        public long Skips;
    }
}
