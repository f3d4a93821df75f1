using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using ShortVideo.Core.Tests.Ranking.Embeddings;
using ShortVideo.Ranking.Engine;
using ShortVideo.Ranking.Exploration;
using ShortVideo.Ranking.Learning;

namespace ShortVideo.Core.Tests.Ranking.Engine;

// Starves the process's thread pool on purpose: runs alone in the serial collection, after the parallel tests.
[Collection(nameof(EmbeddingTableMemoryTests))]
public sealed class LearnerStarvationTests
{
    [Fact]
    public async Task Events_reach_retrieval_within_a_second_while_request_work_saturates_the_thread_pool()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.Configure<ShortVideo.Ranking.Embeddings.EmbeddingTableOptions>(o => o.Dimension = 16);
        services.Configure<ExplorationOptions>(o => o.SlotShare = 0);
        services.AddShortVideo().AddShortVideoRanking();
        await using var provider = services.BuildServiceProvider();
        var engine = provider.GetRequiredService<IRankingEngine>();
        for (var i = 0; i < 50; i++)
        {
            engine.AddVideo(new VideoDescriptor(100 + i, 1 + (i % 5), ["x"], DateTimeOffset.UtcNow));
        }

        // Far more blocking work items than pool threads: the pool only grows by a thread or two a second.
        using var release = new ManualResetEventSlim();
        var blockers = Enumerable.Range(0, 4 * Environment.ProcessorCount + 16)
            .Select(_ => Task.Run(() => release.Wait(TimeSpan.FromSeconds(20))))
            .ToArray();
        try
        {
            var posted = Stopwatch.StartNew();
            Assert.True(engine.TryPost([new InteractionEvent(7, 120, InteractionKind.Like)]));
            IReadOnlyList<Recommendation> page;
            do
            {
                Thread.Sleep(1);
                page = engine.Recommend(new RecommendationRequest { UserId = 7, Count = 5 });
            }
            while (page.All(item => item.Source != RecommendationSource.Personalized) && posted.Elapsed < TimeSpan.FromSeconds(10));

            Assert.True(posted.Elapsed < TimeSpan.FromSeconds(1), $"with the pool saturated the like reached retrieval after {posted.Elapsed.TotalMilliseconds} ms");
        }
        finally
        {
            release.Set();
            await Task.WhenAll(blockers);
        }
    }
}
