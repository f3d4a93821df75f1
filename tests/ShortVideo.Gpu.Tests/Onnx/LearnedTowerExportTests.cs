using Microsoft.ML.OnnxRuntime;
using ShortVideo.Ranking.Embeddings;
using ShortVideo.Ranking.Evaluation;
using ShortVideo.Ranking.Learning;
using ShortVideo.Ranking.Onnx;
using ShortVideo.Ranking.Popularity;
using ShortVideo.Ranking.Retrieval;

namespace ShortVideo.Gpu.Tests.Onnx;

/// <summary>
/// The towers the online learner actually learned, exported as ONNX and run by the real runtime, give the
/// vectors the engine itself computes for videos and users.
/// </summary>
public sealed class LearnedTowerExportTests : IDisposable
{
    private const int D = 16;
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Exported_towers_reproduce_the_learners_video_and_user_vectors()
    {
        var clock = new SimulationClock(new DateTimeOffset(2026, 11, 21, 0, 0, 0, TimeSpan.Zero));
        var world = new SimulatedWorld(new SimulationOptions { Users = 40, Videos = 120, Topics = 4, Creators = 10 });
        var model = new TwoTowerModel(new EmbeddingTableOptions { Dimension = D }, historyLength: 5, clock);
        using var trainer = new OnlineTrainer(model, new ItemMatrix(D), new PopularityCounter(clock, TimeSpan.FromDays(1), TimeSpan.Zero), null, new LearnerOptions { BatchSize = 64 }, clock);
        while (world.TryPublishNext(clock.GetUtcNow(), out var video))
        {
            trainer.AddVideo(video);
        }

        var events = new List<InteractionEvent>();
        for (var i = 0; i < 3_000; i++)
        {
            world.Impress(events);
        }

        trainer.Train(events.ToArray());
        trainer.ExportOnnx(_dir.Path);

        using var videoSession = new InferenceSession(Path.Combine(_dir.Path, TwoTowerOnnxExporter.VideoTowerFile));
        using var userSession = new InferenceSession(Path.Combine(_dir.Path, TwoTowerOnnxExporter.UserTowerFile));

        var videoIds = Enumerable.Range(0, 120).Select(SimulatedWorld.VideoId).ToArray();
        var videos = videoIds.Select(id => Features(model, id)).ToArray();
        var onnxVideos = TowerSessions.RunVideoTower(videoSession, videos, D);
        var expected = new float[D];
        for (var n = 0; n < videoIds.Length; n++)
        {
            Assert.True(model.TryVideoVector(videoIds[n], expected));
            AssertClose(expected, onnxVideos.AsSpan(n * D, D), $"video {videoIds[n]}");
        }

        // Users: the history term is fed as the serving side computes it, from the exported video tower.
        var rows = TowerRowMap.Decode(ModelRuns.Metadata(userSession, TwoTowerOnnxExporter.UserRowsKey)!);
        var users = Enumerable.Range(0, 40).Select(SimulatedWorld.UserId).ToArray();
        var l = users.Max(u => model.History(u).Length);
        Assert.True(l > 0, "the simulated users watched nothing");
        var history = new float[users.Length * l * D];
        var mask = new float[users.Length * l];
        for (var n = 0; n < users.Length; n++)
        {
            var watched = model.History(users[n]).ToArray();
            for (var h = 0; h < watched.Length; h++)
            {
                var index = Array.IndexOf(videoIds, watched[h]);
                onnxVideos.AsSpan(index * D, D).CopyTo(history.AsSpan(((n * l) + h) * D, D));
                mask[(n * l) + h] = 1;
            }
        }

        var onnxUsers = TowerSessions.RunUserTower(userSession, users.Select(rows.RowOf).ToArray(), history, mask, l, D);
        for (var n = 0; n < users.Length; n++)
        {
            model.TryUserVector(users[n], expected);
            AssertClose(expected, onnxUsers.AsSpan(n * D, D), $"user {users[n]}");
        }
    }

    private static (long Video, long Creator, long[] Tags) Features(TwoTowerModel model, long videoId)
    {
        Assert.True(model.TryGetFeatures(videoId, out var features), $"video {videoId} is not registered");
        return (videoId, features.CreatorId, features.Tags);
    }

    private static void AssertClose(float[] expected, ReadOnlySpan<float> actual, string what)
    {
        for (var d = 0; d < D; d++)
        {
            Assert.True(Math.Abs(expected[d] - actual[d]) <= 1e-5f, $"{what}, element {d}: learner {expected[d]}, ONNX {actual[d]}");
        }
    }
}
