using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using ShortVideo.Gpu.Retrieval;
using ShortVideo.Gpu.Tests.Emulation;
using ShortVideo.Ranking.Engine;
using ShortVideo.Ranking.Exploration;
using ShortVideo.Ranking.Learning;
using ShortVideo.Ranking.Retrieval;

namespace ShortVideo.Gpu.Tests.Retrieval;

/// <summary>The ranking engine composed with AddRetrievalBackend serves its pages through the chosen backend.</summary>
[Collection(Emulation.EmulatorCollection.Name)]
public sealed class RankingEngineBackendTests
{
    [EmulatorFact]
    public async Task An_engine_on_the_GPU_backend_recommends_what_an_engine_on_the_CPU_recommends()
    {
        await using var cpu = await StartAsync(o => o.Device = RetrievalDevice.Cpu);
        await using var gpu = await StartAsync(o => o.CudaDriverLibrary = EmulatedDriver.Library);
        var cuda = Assert.IsType<CudaTopK>(gpu.GetRequiredService<IRetrievalBackend>());
        Assert.Same(CpuRetrievalBackend.Instance, cpu.GetRequiredService<IRetrievalBackend>());

        foreach (var services in new[] { cpu, gpu })
        {
            var engine = services.GetRequiredService<IRankingEngine>();
            for (var c = 1; c <= 4; c++)
            {
                for (var i = 0; i < 30; i++)
                {
                    engine.AddVideo(new VideoDescriptor((c * 1000L) + i, c, [$"c{c}"], DateTimeOffset.UnixEpoch));
                }
            }

            engine.TryPost([.. Enumerable.Range(0, 40).Select(i => new InteractionEvent(1 + (i % 8), (((i % 4) + 1) * 1000L) + (i % 30), InteractionKind.Like))]);
            await engine.FlushAsync();
        }

        Assert.Equal(0, cuda.UploadedBytes);
        for (var user = 1L; user <= 8; user++)
        {
            var request = new RecommendationRequest { UserId = user, Count = 12 };
            var expected = cpu.GetRequiredService<IRankingEngine>().Recommend(request);
            var actual = gpu.GetRequiredService<IRankingEngine>().Recommend(request);
            Assert.All(actual, item => Assert.Equal(RecommendationSource.Personalized, item.Source));
            Assert.Equal(expected.Select(item => item.VideoId), actual.Select(item => item.VideoId));
        }

        // The pages really came through the device: the catalog was mirrored there on the first query.
        Assert.True(cuda.UploadedBytes >= 120 * 16 * sizeof(float), $"{cuda.UploadedBytes} bytes uploaded");
    }

    private static async Task<ServiceProvider> StartAsync(Action<RetrievalOptions> retrieval)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.Configure<ShortVideo.Ranking.Embeddings.EmbeddingTableOptions>(o => o.Dimension = 16);
        services.Configure<ExplorationOptions>(o => o.SlotShare = 0);
        services.AddShortVideo().AddShortVideoRanking().AddRetrievalBackend(retrieval);
        var provider = services.BuildServiceProvider();
        foreach (var hosted in provider.GetServices<IHostedService>())
        {
            await hosted.StartAsync(CancellationToken.None);
        }

        return provider;
    }
}
