using System.Globalization;

namespace ShortVideo.Ranking.Onnx;

/// <summary>
/// Exports the learned two-tower model as two ONNX models, so the towers can be served by any ONNX
/// runtime (a GPU server, another language) with the vectors the learner itself computes.
/// </summary>
/// <remarks>
/// <para>Video tower: inputs video_row int64[N], creator_row int64[N], tag_rows int64[N, T],
/// tag_mask float[N, T]; output video_vector float[N, D]. User tower: inputs user_row int64[N],
/// history float[N, L, D] (the video tower's vectors of the user's recent videos), history_mask float[N, L];
/// output user_vector float[N, D]. N, T and L are chosen per run.</para>
/// <para>Inputs are table rows: row 0 of every table is zeros, for an id the table lacks; each table's ids
/// are in the metadata (<see cref="TowerRowMap"/>, keys <c>shortvideo.rows.*</c>). Masks are 1 for a real
/// entry and 0 for padding; a masked mean is sum(mask x value) / max(sum(mask), 1), so a video without
/// hashtags or a user without history gets a zero term, as in the learner.</para>
/// </remarks>
internal static class TwoTowerOnnxExporter
{
    public const string VideoTowerFile = "video_tower.onnx";
    public const string UserTowerFile = "user_tower.onnx";

    public const string VideoRowInput = "video_row";
    public const string CreatorRowInput = "creator_row";
    public const string TagRowsInput = "tag_rows";
    public const string TagMaskInput = "tag_mask";
    public const string VideoVectorOutput = "video_vector";
    public const string UserRowInput = "user_row";
    public const string HistoryInput = "history";
    public const string HistoryMaskInput = "history_mask";
    public const string UserVectorOutput = "user_vector";

    public const string TowerKey = "shortvideo.tower";
    public const string DimensionKey = "shortvideo.dimension";
    public const string RowsFormatKey = "shortvideo.rows.format";
    public const string VideoRowsKey = "shortvideo.rows.video";
    public const string CreatorRowsKey = "shortvideo.rows.creator";
    public const string TagRowsKey = "shortvideo.rows.tag";
    public const string UserRowsKey = "shortvideo.rows.user";

    /// <summary>Writes <see cref="VideoTowerFile"/> and <see cref="UserTowerFile"/> into <paramref name="directory"/>.</summary>
    public static void Export(TwoTowerWeights weights, string directory)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        Directory.CreateDirectory(directory);
        VideoTower(weights).Save(Path.Combine(directory, VideoTowerFile));
        UserTower(weights).Save(Path.Combine(directory, UserTowerFile));
    }

    public static OnnxModelBuilder VideoTower(TwoTowerWeights weights)
    {
        ArgumentNullException.ThrowIfNull(weights);
        var d = weights.Dimension;
        var n = OnnxDimension.Symbolic("N");
        var model = new OnnxModelBuilder("video_tower")
            .Input(VideoRowInput, OnnxElementType.Int64, n)
            .Input(CreatorRowInput, OnnxElementType.Int64, n)
            .Input(TagRowsInput, OnnxElementType.Int64, n, OnnxDimension.Symbolic("T"))
            .Input(TagMaskInput, OnnxElementType.Float, n, OnnxDimension.Symbolic("T"))
            .Output(VideoVectorOutput, OnnxElementType.Float, n, OnnxDimension.Fixed(d));
        Table(model, "video_table", weights.Videos, d);
        Table(model, "creator_table", weights.Creators, d);
        Table(model, "tag_table", weights.Tags, d);
        model.Node("Gather", ["video_table", VideoRowInput], ["video_embedding"])
            .Node("Gather", ["creator_table", CreatorRowInput], ["creator_embedding"])
            .Node("Gather", ["tag_table", TagRowsInput], ["tag_embeddings"]);
        MaskedMean(model, "tag_embeddings", TagMaskInput, "tag_mean");
        model.Node("Add", ["video_embedding", "creator_embedding"], ["video_and_creator"])
            .Node("Add", ["video_and_creator", "tag_mean"], [VideoVectorOutput]);
        return Describe(model, "video", d)
            .Metadata(VideoRowsKey, TowerRowMap.Encode(weights.Videos.Ids))
            .Metadata(CreatorRowsKey, TowerRowMap.Encode(weights.Creators.Ids))
            .Metadata(TagRowsKey, TowerRowMap.Encode(weights.Tags.Ids));
    }

    public static OnnxModelBuilder UserTower(TwoTowerWeights weights)
    {
        ArgumentNullException.ThrowIfNull(weights);
        var d = weights.Dimension;
        var n = OnnxDimension.Symbolic("N");
        var l = OnnxDimension.Symbolic("L");
        var model = new OnnxModelBuilder("user_tower")
            .Input(UserRowInput, OnnxElementType.Int64, n)
            .Input(HistoryInput, OnnxElementType.Float, n, l, OnnxDimension.Fixed(d))
            .Input(HistoryMaskInput, OnnxElementType.Float, n, l)
            .Output(UserVectorOutput, OnnxElementType.Float, n, OnnxDimension.Fixed(d));
        Table(model, "user_table", weights.Users, d);
        model.Node("Gather", ["user_table", UserRowInput], ["user_embedding"]);
        MaskedMean(model, HistoryInput, HistoryMaskInput, "history_mean");
        model.Node("Add", ["user_embedding", "history_mean"], [UserVectorOutput]);
        return Describe(model, "user", d)
            .Metadata(UserRowsKey, TowerRowMap.Encode(weights.Users.Ids));
    }

    /// <summary>The table as an initializer [rows + 1, D] whose row 0 is zeros (unknown ids).</summary>
    private static void Table(OnnxModelBuilder model, string name, EmbeddingRows rows, int dimension) =>
        model.Initializer(name, [rows.Ids.Length + 1L, dimension], rows.Values, leadingZeros: dimension);

    /// <summary>
    /// output[n] = sum_k mask[n, k] x values[n, k] / max(sum_k mask[n, k], 1): values [N, K, D], mask [N, K].
    /// </summary>
    private static void MaskedMean(OnnxModelBuilder model, string values, string mask, string output)
    {
        var axisK = output + "_axis_k";
        var axisD = output + "_axis_d";
        var one = output + "_one";
        model.Initializer(axisK, [1], new long[] { 1 })
            .Initializer(axisD, [1], new long[] { 2 })
            .Initializer(one, [], new float[] { 1 })
            .Node("Unsqueeze", [mask, axisD], [output + "_mask3"])
            .Node("Mul", [values, output + "_mask3"], [output + "_masked"])
            .Node("ReduceSum", [output + "_masked", axisK], [output + "_sum"], OnnxAttribute.Int("keepdims", 0))
            .Node("ReduceSum", [mask, axisK], [output + "_count"], OnnxAttribute.Int("keepdims", 1))
            .Node("Max", [output + "_count", one], [output + "_divisor"])
            .Node("Div", [output + "_sum", output + "_divisor"], [output]);
    }

    private static OnnxModelBuilder Describe(OnnxModelBuilder model, string tower, int dimension) =>
        model.Metadata(TowerKey, tower)
            .Metadata(DimensionKey, dimension.ToString(CultureInfo.InvariantCulture))
            .Metadata(RowsFormatKey, TowerRowMap.FormatDescription);
}
