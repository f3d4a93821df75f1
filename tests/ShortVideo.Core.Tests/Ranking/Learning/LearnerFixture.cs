using ShortVideo.Ranking.Embeddings;
using ShortVideo.Ranking.Evaluation;
using ShortVideo.Ranking.Learning;
using ShortVideo.Ranking.Popularity;
using ShortVideo.Ranking.Retrieval;

namespace ShortVideo.Core.Tests.Ranking.Learning;

/// <summary>A trainer over a small catalog of creators with a topic each, on a hand-moved clock.</summary>
internal sealed class LearnerFixture
{
    public static readonly DateTimeOffset Start = new(2026, 11, 21, 12, 0, 0, TimeSpan.Zero);

    public LearnerFixture(LearnerOptions? options = null, int dimension = 16, int admissionThreshold = 1)
    {
        Clock = new SimulationClock(Start);
        Options = options ?? new LearnerOptions { BatchSize = 64, RefreshPerStep = 0 };
        Model = new TwoTowerModel(new EmbeddingTableOptions { Dimension = dimension, AdmissionThreshold = admissionThreshold }, Options.HistoryLength, Clock);
        Matrix = new ItemMatrix(dimension);
        Popularity = new PopularityCounter(Clock, TimeSpan.FromDays(1), TimeSpan.Zero);
        Trainer = new OnlineTrainer(Model, Matrix, Popularity, bandit: null, Options, Clock);
    }

    public SimulationClock Clock { get; }

    public LearnerOptions Options { get; }

    public TwoTowerModel Model { get; }

    public ItemMatrix Matrix { get; }

    public PopularityCounter Popularity { get; }

    public OnlineTrainer Trainer { get; }

    /// <summary>Video ids creator * 1000 + i, hashtag "c{creator}".</summary>
    public void AddCreators(int creators, int videosEach)
    {
        for (var c = 1; c <= creators; c++)
        {
            for (var i = 0; i < videosEach; i++)
            {
                Trainer.AddVideo(new VideoDescriptor((c * 1000L) + i, c, [$"c{c}"], Start));
            }
        }
    }

    public float[] UserVector(long user)
    {
        var vector = new float[Model.Dimension];
        Model.TryUserVector(user, vector);
        return vector;
    }

    public (long Id, float Score)[] TopFor(long user, int k)
    {
        var vector = new float[Model.Dimension];
        Assert.True(Model.TryUserVector(user, vector), $"user {user} has no vector");
        return ExactTopK.TopK(Matrix.Snapshot, vector, k);
    }
}
