using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using ShortVideo.Ranking.Engine;
using ShortVideo.Ranking.Exploration;
using ShortVideo.Ranking.Learning;
using ShortVideo.Ranking.Reranking;

namespace ShortVideo.Core.Tests.Ranking.Engine;

/// <summary>
/// The ranking engine as an integrator composes it (through DI, with its background learner on the real
/// clock): cold start, learning reaching retrieval within a second, exclusions, page bounds, bad events.
/// </summary>
public sealed class RankingEngineTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Published = DateTimeOffset.UtcNow;
    private ServiceProvider _services = null!;

    private IRankingEngine Engine => _services.GetRequiredService<IRankingEngine>();

    public Task InitializeAsync()
    {
        _services = Build(exploration: o => o.SlotShare = 0.2);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _services.DisposeAsync();

    [Fact]
    public async Task An_unknown_user_gets_exploration_and_popular_videos()
    {
        AddCatalog(Engine, creators: 3, videosEach: 10);
        Assert.True(Engine.TryPost([new InteractionEvent(1, 2001, InteractionKind.Share), new InteractionEvent(2, 2001, InteractionKind.Like), new InteractionEvent(3, 3004, InteractionKind.Like)]));
        await Engine.FlushAsync();

        var page = Engine.Recommend(new RecommendationRequest { UserId = 999, Count = 10 });

        Assert.Equal(10, page.Count);
        Assert.DoesNotContain(page, item => item.Source == RecommendationSource.Personalized);
        Assert.Equal(2, page.Count(item => item.Source == RecommendationSource.Exploration));
        var popular = page.Where(item => item.Source == RecommendationSource.Popular).Select(item => item.VideoId).ToList();
        // Engaged videos lead the popular part, unless the bandit already showed them in an exploration slot.
        var explored = page.Where(item => item.Source == RecommendationSource.Exploration).Select(item => item.VideoId).ToHashSet();
        var expected = new[] { 2001L, 3004L }.Where(id => !explored.Contains(id)).ToList();
        Assert.Equal(expected, popular.Take(expected.Count));
        Assert.Equal(page.Count, page.Select(item => item.VideoId).Distinct().Count());
    }

    [Fact]
    public async Task An_event_reaches_the_users_retrieval_within_one_second()
    {
        await using var services = Build(exploration: o => o.SlotShare = 0);
        var engine = services.GetRequiredService<IRankingEngine>();
        AddCatalog(engine, creators: 5, videosEach: 20);
        Assert.DoesNotContain(engine.Recommend(new RecommendationRequest { UserId = 42, Count = 5 }), item => item.Source == RecommendationSource.Personalized);

        var posted = Stopwatch.StartNew();
        Assert.True(engine.TryPost([new InteractionEvent(42, 3007, InteractionKind.Like)]));
        IReadOnlyList<Recommendation> page;
        do
        {
            // Poll like a client would, leaving the cores to the learner.
            await Task.Delay(1);
            page = engine.Recommend(new RecommendationRequest { UserId = 42, Count = 5 });
        }
        while (page.All(item => item.Source != RecommendationSource.Personalized) && posted.Elapsed < TimeSpan.FromSeconds(5));

        var reached = posted.Elapsed;
        Assert.True(reached < TimeSpan.FromSeconds(1), $"the like reached retrieval after {reached.TotalMilliseconds} ms");
        // The liked video itself is now watched history, so it is not offered again.
        Assert.All(page, item => Assert.Equal(RecommendationSource.Personalized, item.Source));
        Assert.DoesNotContain(page, item => item.VideoId == 3007);
    }

    [Fact]
    public async Task Seen_videos_blocked_creators_and_removed_videos_are_never_recommended()
    {
        await using var services = Build(exploration: o => o.SlotShare = 0);
        var engine = services.GetRequiredService<IRankingEngine>();
        AddCatalog(engine, creators: 3, videosEach: 10);
        engine.TryPost([new InteractionEvent(5, 1000, InteractionKind.Like), new InteractionEvent(5, 2000, InteractionKind.Like)]);
        await engine.FlushAsync();
        Assert.True(engine.RemoveVideo(1005));

        var page = engine.Recommend(new RecommendationRequest
        {
            UserId = 5,
            Count = 30,
            ExcludeVideos = new HashSet<long> { 1001, 1002 },
            BlockedCreators = new HashSet<long> { 3 },
        });

        var ids = page.Select(item => item.VideoId).ToHashSet();
        Assert.DoesNotContain(1000L, ids); // watched
        Assert.DoesNotContain(2000L, ids); // watched
        Assert.DoesNotContain(1001L, ids);
        Assert.DoesNotContain(1002L, ids);
        Assert.DoesNotContain(1005L, ids);
        Assert.DoesNotContain(ids, id => id / 1000 == 3);
        // 30 asked, 20 not blocked, 5 excluded one way or another: a short page, not padding or an error.
        Assert.Equal(15, ids.Count);
        Assert.Equal(29, engine.CatalogSize);
    }

    [Fact]
    public void A_page_larger_than_the_catalog_returns_the_whole_catalog_and_an_empty_catalog_an_empty_page()
    {
        Assert.Empty(Engine.Recommend(new RecommendationRequest { UserId = 1, Count = 10 }));
        AddCatalog(Engine, creators: 1, videosEach: 4);
        Assert.Equal(4, Engine.Recommend(new RecommendationRequest { UserId = 1, Count = 100 }).Select(item => item.VideoId).Distinct().Count());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(501)]
    public void A_page_size_out_of_range_is_an_argument_error(int count)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => Engine.Recommend(new RecommendationRequest { UserId = 1, Count = count }));
        Assert.Contains("1 to 500", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_batch_with_a_nan_watch_ratio_is_refused_whole()
    {
        AddCatalog(Engine, creators: 1, videosEach: 3);
        Assert.Throws<ArgumentException>(() => Engine.TryPost([new InteractionEvent(8, 1000, InteractionKind.Like), new InteractionEvent(8, 1001, InteractionKind.View, float.NaN)]));
        await Engine.FlushAsync();

        var page = Engine.Recommend(new RecommendationRequest { UserId = 8, Count = 3 });
        Assert.DoesNotContain(page, item => item.Source == RecommendationSource.Personalized);
    }

    [Fact]
    public void Bad_options_stop_the_engine_with_the_settings_sentence()
    {
        using var services = Build(learner: o => o.BatchSize = 0);
        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IRankingEngine>());
        Assert.Contains("Ranking:Learner:BatchSize must be between 1 and 65536", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_reranker_reorders_the_personalized_candidates_by_its_own_scores()
    {
        await using var services = Build(exploration: o => o.SlotShare = 0, reranker: new NewestFirst());
        var engine = services.GetRequiredService<IRankingEngine>();
        for (var i = 0; i < 20; i++)
        {
            engine.AddVideo(new VideoDescriptor(100 + i, 1, ["same"], Published.AddHours(-i)));
        }

        engine.TryPost([new InteractionEvent(1, 119, InteractionKind.Like)]);
        await engine.FlushAsync();

        var page = engine.Recommend(new RecommendationRequest { UserId = 1, Count = 6 });

        Assert.All(page, item => Assert.Equal(RecommendationSource.Personalized, item.Source));
        // Retrieval fetched 3 x 6 candidates; the re-ranker's newest-first order decides the page.
        var ids = page.Select(item => item.VideoId).ToList();
        Assert.Equal(ids.Order().ToList(), ids);
        Assert.Equal(page.Select(item => item.Score).OrderDescending(), page.Select(item => item.Score));
    }

    [Fact]
    public async Task A_failing_reranker_leaves_the_page_in_retrieval_order()
    {
        await using var services = Build(exploration: o => o.SlotShare = 0, reranker: new Failing());
        var engine = services.GetRequiredService<IRankingEngine>();
        AddCatalog(engine, creators: 2, videosEach: 10);
        engine.TryPost([new InteractionEvent(1, 1003, InteractionKind.Like)]);
        await engine.FlushAsync();

        var page = engine.Recommend(new RecommendationRequest { UserId = 1, Count = 5 });

        Assert.Equal(5, page.Count);
        Assert.All(page, item => Assert.Equal(RecommendationSource.Personalized, item.Source));
        Assert.Equal(page.Select(item => item.Score).OrderDescending(), page.Select(item => item.Score));
    }

    [Fact]
    public async Task A_batch_answers_each_request_as_a_single_recommendation_does()
    {
        await using var services = Build(exploration: o => o.SlotShare = 0);
        var engine = services.GetRequiredService<IRankingEngine>();
        AddCatalog(engine, creators: 4, videosEach: 25);
        Assert.True(engine.TryPost([new InteractionEvent(1, 1003, InteractionKind.Like), new InteractionEvent(2, 2004, InteractionKind.Share), new InteractionEvent(3, 4001, InteractionKind.Complete)]));
        await engine.FlushAsync();
        RecommendationRequest[] requests =
        [
            new() { UserId = 1, Count = 5 },
            new() { UserId = 2, Count = 12, ExcludeVideos = new HashSet<long> { 2005, 2006 } },
            new() { UserId = 3, Count = 3, BlockedCreators = new HashSet<long> { 4 } },
            new() { UserId = 99, Count = 4 },
        ];

        var batch = engine.RecommendBatch(requests);

        Assert.Equal(requests.Length, batch.Count);
        for (var i = 0; i < requests.Length; i++)
        {
            Assert.Equal(engine.Recommend(requests[i]), batch[i]);
        }

        Assert.Contains(batch[0], item => item.Source == RecommendationSource.Personalized);
        Assert.DoesNotContain(batch[1], item => item.VideoId is 2005 or 2006);
        Assert.DoesNotContain(batch[2], item => item.VideoId / 1000 == 4);
    }

    private static ServiceProvider Build(Action<ExplorationOptions>? exploration = null, Action<LearnerOptions>? learner = null, IReranker? reranker = null)
    {
        var services = new ServiceCollection();
        if (reranker is not null)
        {
            services.AddSingleton(reranker);
        }

        services.AddLogging();
        services.Configure<ShortVideo.Ranking.Embeddings.EmbeddingTableOptions>(o => o.Dimension = 16);
        services.Configure(exploration ?? (_ => { }));
        services.AddShortVideo().AddShortVideoRanking(learner ?? (_ => { }));
        return services.BuildServiceProvider();
    }

    private static void AddCatalog(IRankingEngine engine, int creators, int videosEach)
    {
        for (var c = 1; c <= creators; c++)
        {
            for (var i = 0; i < videosEach; i++)
            {
                engine.AddVideo(new VideoDescriptor((c * 1000L) + i, c, [$"c{c}"], Published));
            }
        }
    }

    /// <summary>A real second stage with a simple policy: newer is better.</summary>
    private sealed class NewestFirst : IReranker
    {
        public string Name => "newest-first";

        public void Score(RerankBatch batch, Span<float> scores)
        {
            for (var i = 0; i < batch.Count; i++)
            {
                scores[i] = -batch.AgeHours.Span[i];
            }
        }
    }

    private sealed class Failing : IReranker
    {
        public string Name => "failing";

        public void Score(RerankBatch batch, Span<float> scores) => throw new RerankerException("the model returned NaN for candidate 0");
    }
}
