using Microsoft.ML.OnnxRuntime;
using ShortVideo.Gpu.Onnx;
using ShortVideo.Ranking.Onnx;

namespace ShortVideo.Gpu.Tests.Onnx;

/// <summary>
/// The exported towers, run by the real runtime, against the towers computed in managed code from the same
/// weights: v = E_video + E_creator + mean E_tag; u = E_user + mean of the history's video vectors.
/// </summary>
public sealed class TwoTowerOnnxExportTests : IDisposable
{
    private const int D = 6;
    private const float Tolerance = 1e-5f;
    private readonly TempDirectory _dir = new();
    private readonly TwoTowerWeights _weights;

    public TwoTowerOnnxExportTests()
    {
        var random = new Random(17);
        _weights = new TwoTowerWeights(
            D,
            Table(random, 101, 102, 103),
            Table(random, 11, 12, 13, 14),
            Table(random, 501, 502),
            Table(random, 7, 8, 9));
        TwoTowerOnnxExporter.Export(_weights, _dir.Path);
    }

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void The_video_tower_gives_the_learners_vectors_for_known_and_unknown_ids_with_and_without_hashtags()
    {
        (long Video, long Creator, long[] Tags)[] videos =
        [
            (11, 501, [7, 9]),
            (12, 502, []),
            (99, 501, [8]),                // a video id the table lacks
            (13, 999, [7, 1234, 8]),       // an unknown creator and an unknown hashtag
            (14, 502, [9, 9, 7]),
        ];
        using var session = Open(TwoTowerOnnxExporter.VideoTowerFile);

        var vectors = RunVideoTower(session, videos);

        for (var n = 0; n < videos.Length; n++)
        {
            AssertClose(ManagedVideo(videos[n].Video, videos[n].Creator, videos[n].Tags), vectors.AsSpan(n * D, D), $"video {videos[n].Video}");
        }
    }

    [Fact]
    public void The_user_tower_gives_the_learners_vectors_for_known_and_unknown_users_with_and_without_history()
    {
        (long User, long[] History)[] users =
        [
            (101, [11, 12, 13]),
            (102, []),
            (555, [14]),                   // a user id the table lacks
            (103, [11, 99]),               // a history video the table lacks
        ];
        using var videoSession = Open(TwoTowerOnnxExporter.VideoTowerFile);
        using var userSession = Open(TwoTowerOnnxExporter.UserTowerFile);
        var rows = TowerRowMap.Decode(ModelRuns.Metadata(userSession, TwoTowerOnnxExporter.UserRowsKey)!);
        var l = users.Max(u => u.History.Length);
        var history = new float[users.Length * l * D];
        var mask = new float[users.Length * l];
        for (var n = 0; n < users.Length; n++)
        {
            // The history's vectors come from the exported video tower, as a serving system would compute them.
            var historyVideos = users[n].History.Select(v => (v, Creator: CreatorOf(v), Tags: TagsOf(v))).ToArray();
            var vectors = historyVideos.Length == 0 ? [] : RunVideoTower(videoSession, historyVideos);
            vectors.CopyTo(history.AsSpan(n * l * D));
            mask.AsSpan(n * l, historyVideos.Length).Fill(1);
        }

        var output = TowerSessions.RunUserTower(userSession, users.Select(u => rows.RowOf(u.User)).ToArray(), history, mask, l, D);

        for (var n = 0; n < users.Length; n++)
        {
            AssertClose(ManagedUser(users[n].User, users[n].History), output.AsSpan(n * D, D), $"user {users[n].User}");
        }
    }

    [Fact]
    public void The_towers_carry_their_row_maps_and_dimension_in_the_model_metadata()
    {
        using var video = Open(TwoTowerOnnxExporter.VideoTowerFile);
        using var user = Open(TwoTowerOnnxExporter.UserTowerFile);

        Assert.Equal("video", ModelRuns.Metadata(video, TwoTowerOnnxExporter.TowerKey));
        Assert.Equal("user", ModelRuns.Metadata(user, TwoTowerOnnxExporter.TowerKey));
        Assert.Equal("6", ModelRuns.Metadata(user, TwoTowerOnnxExporter.DimensionKey));
        Assert.Equal(TowerRowMap.FormatDescription, ModelRuns.Metadata(video, TwoTowerOnnxExporter.RowsFormatKey));
        var tags = TowerRowMap.Decode(ModelRuns.Metadata(video, TwoTowerOnnxExporter.TagRowsKey)!);
        Assert.Equal([1L, 2, 3, 0], new[] { tags.RowOf(7), tags.RowOf(8), tags.RowOf(9), tags.RowOf(10) });
        Assert.Equal(
            [TwoTowerOnnxExporter.VideoRowInput, TwoTowerOnnxExporter.CreatorRowInput, TwoTowerOnnxExporter.TagRowsInput, TwoTowerOnnxExporter.TagMaskInput],
            video.InputNames);
        Assert.Equal("[N, L, 6]", NodeMetadataText.Shape(user.InputMetadata[TwoTowerOnnxExporter.HistoryInput]));
        Assert.Equal("[N, 6]", NodeMetadataText.Shape(user.OutputMetadata[TwoTowerOnnxExporter.UserVectorOutput]));
    }

    [Fact]
    public void Towers_exported_from_empty_tables_give_zero_vectors_for_every_id()
    {
        var empty = new TwoTowerWeights(D, EmbeddingRows.Empty, EmbeddingRows.Empty, EmbeddingRows.Empty, EmbeddingRows.Empty);
        using var session = new InferenceSession(TwoTowerOnnxExporter.VideoTower(empty).ToArray());
        Assert.Equal(0, TowerRowMap.Decode(ModelRuns.Metadata(session, TwoTowerOnnxExporter.VideoRowsKey)!).Count);

        var vectors = RunVideoTower(session, [(11, 501, [7]), (12, 502, [])]);

        Assert.All(vectors, value => Assert.Equal(0f, value));
    }

    private static long CreatorOf(long video) => video % 2 == 0 ? 502 : 501;

    private static long[] TagsOf(long video) => video switch
    {
        11 => [7, 8],
        12 => [],
        13 => [9],
        _ => [8, 9, 7],
    };

    private static EmbeddingRows Table(Random random, params long[] ids)
    {
        var values = new float[ids.Length * D];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = (float)((random.NextDouble() * 2) - 1);
        }

        return new EmbeddingRows(ids, values);
    }

    private static void AssertClose(float[] expected, ReadOnlySpan<float> actual, string what)
    {
        for (var d = 0; d < D; d++)
        {
            Assert.True(Math.Abs(expected[d] - actual[d]) <= Tolerance, $"{what}, element {d}: managed {expected[d]}, ONNX {actual[d]}");
        }
    }

    /// <summary>The row of <paramref name="id"/> in <paramref name="rows"/>, zeros when it has none.</summary>
    private static float[] Row(EmbeddingRows rows, long id)
    {
        var index = Array.IndexOf(rows.Ids, id);
        return index < 0 ? new float[D] : rows.Values.AsSpan(index * D, D).ToArray();
    }

    private float[] ManagedVideo(long video, long creator, long[] tags)
    {
        var vector = new float[D];
        var videoRow = Row(_weights.Videos, video);
        var creatorRow = Row(_weights.Creators, creator);
        for (var d = 0; d < D; d++)
        {
            double tagSum = 0;
            foreach (var tag in tags)
            {
                tagSum += Row(_weights.Tags, tag)[d];
            }

            vector[d] = (float)(videoRow[d] + creatorRow[d] + (tags.Length == 0 ? 0 : tagSum / tags.Length));
        }

        return vector;
    }

    private float[] ManagedUser(long user, long[] history)
    {
        var vector = Row(_weights.Users, user);
        if (history.Length == 0)
        {
            return vector;
        }

        var mean = new double[D];
        foreach (var video in history)
        {
            var v = ManagedVideo(video, CreatorOf(video), TagsOf(video));
            for (var d = 0; d < D; d++)
            {
                mean[d] += v[d] / (double)history.Length;
            }
        }

        for (var d = 0; d < D; d++)
        {
            vector[d] += (float)mean[d];
        }

        return vector;
    }

    private InferenceSession Open(string file) => new(Path.Combine(_dir.Path, file));

    private static float[] RunVideoTower(InferenceSession session, (long Video, long Creator, long[] Tags)[] videos) => TowerSessions.RunVideoTower(session, videos, D);
}
