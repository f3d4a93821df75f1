using ShortVideo.Ranking.Retrieval;

namespace ShortVideo.Ranking.Engine;

/// <summary>
/// Page assembly in three steps (plan, retrieve, complete) so that many users' pages share one retrieval scan:
/// <see cref="RecommendBatch"/> reads the catalog once for every query of the batch (the batch kernels), which is
/// what makes concurrent feed requests cheaper together than apart.
/// </summary>
internal sealed partial class RankingEngine
{
    public IReadOnlyList<IReadOnlyList<Recommendation>> RecommendBatch(IReadOnlyList<RecommendationRequest> requests)
    {
        ArgumentNullException.ThrowIfNull(requests);
        var plans = new PagePlan[requests.Count];
        var retrieving = 0;
        var depth = 0;
        for (var i = 0; i < plans.Length; i++)
        {
            plans[i] = Plan(requests[i]);
            if (plans[i].User is not null)
            {
                retrieving++;
                depth = Math.Max(depth, plans[i].Depth);
            }
        }

        var hits = RetrieveBatch(plans, retrieving, depth);
        var pages = new IReadOnlyList<Recommendation>[plans.Length];
        for (var i = 0; i < plans.Length; i++)
        {
            pages[i] = Complete(plans[i], hits[i]);
        }

        return pages;
    }

    /// <summary>One scan for every plan with a user vector, at the deepest depth asked (exact top-k: a deeper list starts with the shallower one).</summary>
    private (long Id, float Score)[][] RetrieveBatch(PagePlan[] plans, int retrieving, int depth)
    {
        var hits = new (long Id, float Score)[plans.Length][];
        Array.Fill(hits, []);
        var matrix = _trainer.Matrix;
        var snapshot = matrix.Snapshot;
        if (retrieving == 0 || snapshot.Count == 0)
        {
            return hits;
        }

        var d = _trainer.Model.Dimension;
        var queries = new float[retrieving * d];
        var filters = new ExclusionFilter?[retrieving];
        var owners = new int[retrieving];
        var q = 0;
        for (var i = 0; i < plans.Length; i++)
        {
            if (plans[i].User is { } user)
            {
                user.CopyTo(queries.AsSpan(q * d, d));
                filters[q] = plans[i].Excluded.Count > 0 ? matrix.ExclusionFor(snapshot, plans[i].Excluded) : null;
                owners[q++] = i;
            }
        }

        var results = _retrieval.TopKBatch(snapshot, queries, depth, filters);
        for (var j = 0; j < retrieving; j++)
        {
            var plan = plans[owners[j]];
            hits[owners[j]] = results[j].Length > plan.Depth ? results[j][..plan.Depth] : results[j];
        }

        return hits;
    }

    /// <summary>What one page needs before retrieval: exclusions, the split of its slots, and the user's vector (null: cold user).</summary>
    private PagePlan Plan(RecommendationRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Count < 1 || request.Count > _options.MaxPageSize)
        {
            throw new ArgumentOutOfRangeException(nameof(request), request.Count, $"A page holds 1 to {_options.MaxPageSize} videos.");
        }

        var model = _trainer.Model;
        var excluded = Exclusions(request, model);
        var exploreSlots = Math.Min(_bandit.SlotsFor(request.Count), _bandit.CandidateCount);
        var personalSlots = request.Count - exploreSlots;
        float[]? user = null;
        if (personalSlots > 0)
        {
            user = new float[model.Dimension];
            if (!model.TryUserVector(request.UserId, user))
            {
                user = null;
            }
        }

        var depth = _reranker is null ? personalSlots : personalSlots * _options.RerankDepthFactor;
        return new PagePlan(request.Count, exploreSlots, personalSlots, depth, excluded, user);
    }

    /// <summary>The page from retrieval's hits: re-ranked, then exploration picks, the popular fallback and the newest interleaved.</summary>
    private List<Recommendation> Complete(PagePlan plan, (long Id, float Score)[] hits)
    {
        var page = new List<Recommendation>(plan.Count);
        if (plan.User is not null)
        {
            var ranked = _reranker is null || hits.Length <= 1 ? hits : Rerank(plan.User, hits);
            foreach (var hit in ranked.AsSpan(0, Math.Min(plan.PersonalSlots, ranked.Length)))
            {
                page.Add(new Recommendation(hit.Id, hit.Score, RecommendationSource.Personalized));
            }
        }

        // From here on the exclusion set (already turned into retrieval's bitset) also collects what the page took.
        var taken = plan.Excluded;
        foreach (var item in page)
        {
            taken.Add(item.VideoId);
        }

        var explored = _bandit.Pick(plan.ExploreSlots, _random.Value!, taken);
        foreach (var id in explored)
        {
            taken.Add(id);
        }

        // Cold users, and catalogs too small after exclusions, fill up with what is popular.
        var missing = plan.Count - page.Count - explored.Count;
        if (missing > 0)
        {
            foreach (var id in _trainer.Popularity.Top(missing, taken.Contains))
            {
                page.Add(new Recommendation(id, 0, RecommendationSource.Popular));
                taken.Add(id);
            }
        }

        missing = plan.Count - page.Count - explored.Count;
        if (missing > 0)
        {
            FillWithNewest(page, taken, missing);
        }

        return Interleave(page, explored);
    }

    /// <param name="Count">Videos wanted.</param>
    /// <param name="ExploreSlots">Slots the bandit fills.</param>
    /// <param name="PersonalSlots">Slots retrieval fills.</param>
    /// <param name="Depth">Hits retrieval returns (more than the slots when a re-ranker reorders them).</param>
    /// <param name="Excluded">Videos the page must not hold; the page's own picks are added as it fills.</param>
    /// <param name="User">The user's vector, or null for a user the model does not know.</param>
    private sealed record PagePlan(int Count, int ExploreSlots, int PersonalSlots, int Depth, HashSet<long> Excluded, float[]? User);
}
