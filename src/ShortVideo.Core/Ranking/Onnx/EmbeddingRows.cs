namespace ShortVideo.Ranking.Onnx;

/// <summary>One embedding table: row r of <see cref="Values"/> (dimension floats, row-major) belongs to Ids[r].</summary>
internal sealed class EmbeddingRows(long[] ids, float[] values)
{
    public static EmbeddingRows Empty { get; } = new([], []);

    public long[] Ids { get; } = ids ?? throw new ArgumentNullException(nameof(ids));

    public float[] Values { get; } = values ?? throw new ArgumentNullException(nameof(values));
}
