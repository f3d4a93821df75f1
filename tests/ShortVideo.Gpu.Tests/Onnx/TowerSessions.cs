using Microsoft.ML.OnnxRuntime;
using ShortVideo.Ranking.Onnx;

namespace ShortVideo.Gpu.Tests.Onnx;

/// <summary>Runs exported towers the way a serving system would.</summary>
internal static class TowerSessions
{
    /// <summary>Turns ids into rows through the model's own row maps, pads hashtags to the widest, runs.</summary>
    public static float[] RunVideoTower(InferenceSession session, (long Video, long Creator, long[] Tags)[] videos, int dimension)
    {
        var videoRows = TowerRowMap.Decode(ModelRuns.Metadata(session, TwoTowerOnnxExporter.VideoRowsKey)!);
        var creatorRows = TowerRowMap.Decode(ModelRuns.Metadata(session, TwoTowerOnnxExporter.CreatorRowsKey)!);
        var tagRows = TowerRowMap.Decode(ModelRuns.Metadata(session, TwoTowerOnnxExporter.TagRowsKey)!);
        var n = videos.Length;
        var t = Math.Max(1, videos.Max(v => v.Tags.Length));
        var tags = new long[n * t];
        var mask = new float[n * t];
        for (var i = 0; i < n; i++)
        {
            for (var k = 0; k < videos[i].Tags.Length; k++)
            {
                tags[(i * t) + k] = tagRows.RowOf(videos[i].Tags[k]);
                mask[(i * t) + k] = 1;
            }
        }

        var output = ModelRuns.FirstOutput(
            session,
            ModelRuns.Int64(videos.Select(v => videoRows.RowOf(v.Video)).ToArray(), n),
            ModelRuns.Int64(videos.Select(v => creatorRows.RowOf(v.Creator)).ToArray(), n),
            ModelRuns.Int64(tags, n, t),
            ModelRuns.Float(mask, n, t));
        Assert.Equal(n * dimension, output.Length);
        return output;
    }

    /// <summary>Runs the user tower on row numbers, the history's video vectors [N, L, D] and its mask [N, L].</summary>
    public static float[] RunUserTower(InferenceSession session, long[] userRows, float[] history, float[] mask, int historyLength, int dimension) =>
        ModelRuns.FirstOutput(
            session,
            ModelRuns.Int64(userRows, userRows.Length),
            ModelRuns.Float(history, userRows.Length, historyLength, dimension),
            ModelRuns.Float(mask, userRows.Length, historyLength));
}
