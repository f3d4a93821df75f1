using BenchmarkDotNet.Attributes;
using ShortVideo.Ranking.Embeddings;
using ShortVideo.Ranking.Evaluation;
using ShortVideo.Ranking.Learning;
using ShortVideo.Ranking.Popularity;
using ShortVideo.Ranking.Retrieval;

namespace ShortVideo.Benchmarks;

/// <summary>
/// One online training step (512 simulated events, about 256 positive pairs, 64 dimensions, a 10k-video
/// catalog): with the logQ correction (the default) against without it, and the vector publication that
/// follows a step.
/// </summary>
[MemoryDiagnoser]
public class LearnerBenchmarks
{
    private const int Events = 512;
    private OnlineTrainer _withLogQ = null!;
    private OnlineTrainer _withoutLogQ = null!;
    private InteractionEvent[] _events = null!;

    [GlobalSetup]
    public void Setup()
    {
        var world = new SimulatedWorld(new SimulationOptions { Users = 5_000, Videos = 10_000 });
        var clock = new SimulationClock(DateTimeOffset.UnixEpoch);
        var videos = new List<VideoDescriptor>();
        while (world.TryPublishNext(clock.GetUtcNow(), out var video))
        {
            videos.Add(video);
        }

        var events = new List<InteractionEvent>();
        while (events.Count < Events)
        {
            world.Impress(events);
        }

        _events = [.. events.Take(Events)];
        _withLogQ = Trainer(videos, clock, logQ: true);
        _withoutLogQ = Trainer(videos, clock, logQ: false);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _withLogQ.Dispose();
        _withoutLogQ.Dispose();
    }

    [Benchmark(Baseline = true)]
    public int Step_without_logq_correction() => _withoutLogQ.Train(_events, publish: false).Positives;

    [Benchmark]
    public int Step_with_logq_correction() => _withLogQ.Train(_events, publish: false).Positives;

    [Benchmark]
    public int Step_and_publication() => _withLogQ.Train(_events, publish: true).Positives;

    private static OnlineTrainer Trainer(List<VideoDescriptor> videos, SimulationClock clock, bool logQ)
    {
        var model = new TwoTowerModel(new EmbeddingTableOptions { Dimension = 64 }, historyLength: 20, clock);
        var trainer = new OnlineTrainer(
            model,
            new ItemMatrix(64),
            new PopularityCounter(clock, TimeSpan.FromDays(1), TimeSpan.FromSeconds(1)),
            bandit: null,
            new LearnerOptions { LogQCorrection = logQ, BatchSize = Events },
            clock);
        trainer.AddVideos(videos);
        return trainer;
    }
}
