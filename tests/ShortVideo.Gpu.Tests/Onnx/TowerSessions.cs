using ShortVideo.Gpu.Onnx;
using ShortVideo.Ranking.Onnx;

namespace ShortVideo.Gpu.Tests.Onnx;

/// <summary>Runs exported towers the way a serving system would.</summary>
internal static class TowerSessions
{
    /// <summary>Turns ids into rows through the model's own row maps, pads hashtags to the widest, runs.</summary>
    public static float[] RunVideoTower(OnnxSession session, (long Video, long Creator, long[] Tags)[] videos, int dimension)
    {
        var videoRows = TowerRowMap.Decode(session.Metadata(TwoTowerOnnxExporter.VideoRowsKey)!);
        var creatorRows = TowerRowMap.Decode(session.Metadata(TwoTowerOnnxExporter.CreatorRowsKey)!);
        var tagRows = TowerRowMap.Decode(session.Metadata(TwoTowerOnnxExporter.TagRowsKey)!);
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

        var output = new float[n * dimension];
        session.Run(
            [
                OnnxTensor.Int64(videos.Select(v => videoRows.RowOf(v.Video)).ToArray(), n),
                OnnxTensor.Int64(videos.Select(v => creatorRows.RowOf(v.Creator)).ToArray(), n),
                OnnxTensor.Int64(tags, n, t),
                OnnxTensor.Float(mask, n, t),
            ],
            0,
            output);
        return output;
    }
}
