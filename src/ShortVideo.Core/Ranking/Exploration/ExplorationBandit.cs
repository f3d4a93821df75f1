using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace ShortVideo.Ranking.Exploration;

/// <summary>
/// Thompson sampling over new videos: each keeps a Beta posterior of its completion rate (completions and
/// skips counted from impressions). To fill the exploration slots of a page, every candidate draws a rate
/// from its posterior, multiplied by a freshness boost that halves every half-life; the highest draws win.
/// Videos that complete well are shown more, uncertain ones still get chances, and after enough impressions a
/// video graduates to retrieval alone. Counts are updated with Interlocked, so feed requests never wait.
/// </summary>
internal sealed class ExplorationBandit(IOptions<ExplorationOptions> options, TimeProvider time)
{
    private readonly ConcurrentDictionary<long, Arm> _arms = new();

    // Kept beside the dictionary: ConcurrentDictionary.Count takes every lock, and every feed request asks.
    private int _candidates;
    private readonly ExplorationOptions _options = Validated(options.Value);

    /// <summary>New videos still being explored.</summary>
    public int CandidateCount => Volatile.Read(ref _candidates);

    /// <summary>The exploration slots of a page of <paramref name="pageSize"/>: the configured share, at least one when there is a share at all.</summary>
    public int SlotsFor(int pageSize) =>
        pageSize <= 0 || _options.SlotShare <= 0 ? 0 : Math.Clamp((int)Math.Round(pageSize * _options.SlotShare), 1, pageSize);

    /// <summary>Adds a video to exploration (again is a no-op).</summary>
    public void Register(long videoId, DateTimeOffset publishedAt)
    {
        if (_arms.TryAdd(videoId, new Arm(publishedAt)))
        {
            Interlocked.Increment(ref _candidates);
        }
    }

    /// <summary>Takes a video out of exploration (deleted or made private); false when it was not in it.</summary>
    public bool Remove(long videoId)
    {
        if (!_arms.TryRemove(videoId, out _))
        {
            return false;
        }

        Interlocked.Decrement(ref _candidates);
        return true;
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

    /// <summary>Up to <paramref name="count"/> videos for exploration slots, best draw first, never one in <paramref name="exclude"/>.</summary>
    public IReadOnlyList<long> Pick(int count, Random random, IReadOnlySet<long>? exclude = null)
    {
        ArgumentNullException.ThrowIfNull(random);
        if (count <= 0)
        {
            return [];
        }

        var now = time.GetUtcNow();
        var best = new List<(double Score, long Id)>(count + 1);
        foreach (var (id, arm) in _arms)
        {
            if (exclude?.Contains(id) == true)
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

                best.Insert(at, (score, id));
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

    private static ExplorationOptions Validated(ExplorationOptions o)
    {
        var problem =
            o.SlotShare is < 0 or > 1 || double.IsNaN(o.SlotShare) ? "Ranking:Exploration:SlotShare must be between 0 and 1." :
            o.GraduateAfterImpressions < 1 ? "Ranking:Exploration:GraduateAfterImpressions must be at least 1." :
            o.FreshnessHalfLife <= TimeSpan.Zero ? "Ranking:Exploration:FreshnessHalfLife must be positive." :
            o.FreshnessWeight < 0 || !double.IsFinite(o.FreshnessWeight) ? "Ranking:Exploration:FreshnessWeight must be zero or positive." :
            !(o.PriorCompletions > 0) || !(o.PriorSkips > 0) || !double.IsFinite(o.PriorCompletions + o.PriorSkips) ? "Ranking:Exploration priors must be positive numbers." :
            null;
        return problem is null ? o : throw new ArgumentException(problem, nameof(o));
    }

    /// <summary>1 at publication, halving every half-life.</summary>
    private double Freshness(TimeSpan age) =>
        age <= TimeSpan.Zero ? 1 : Math.Pow(0.5, age / _options.FreshnessHalfLife);

    private sealed class Arm(DateTimeOffset publishedAt)
    {
        public readonly DateTimeOffset PublishedAt = publishedAt;
        public long Completions;
        public long Skips;
    }
}
