using ShortVideo.Ranking.Retrieval;

namespace ShortVideo.Ranking.Evaluation;

/// <summary>
/// The baseline that benchmarks compare <see cref="ExactTopK"/> with: one thread, scalar dot products into a
/// full score array, then Array.Sort of all N and the first k taken. Same snapshot, same rows.
/// </summary>
internal static unsafe class NaiveTopK
{
    public static (long Id, float Score)[] TopK(ItemMatrixSnapshot snapshot, ReadOnlySpan<float> query, int k)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var layout = snapshot.Layout;
        var scores = new float[snapshot.Count];
        var ids = new long[snapshot.Count];
        for (var row = 0; row < snapshot.Count; row++)
        {
            var segment = snapshot.Segments[row >> layout.SegmentShift];
            var offset = row & (layout.SegmentRows - 1);
            var p = segment.Data + ((long)offset * layout.RowBytes);
            var dot = 0f;
            for (var d = 0; d < layout.Dimension; d++)
            {
                var value = layout.Precision == VectorPrecision.Fp32 ? ((float*)p)[d] : (float)((Half*)p)[d];
                dot += value * query[d];
            }

            // Negated so the ascending sort puts the best first.
            scores[row] = -dot;
            ids[row] = segment.Ids[offset];
        }

        Array.Sort(scores, ids);
        var result = new (long Id, float Score)[Math.Min(k, scores.Length)];
        for (var i = 0; i < result.Length; i++)
        {
            result[i] = (ids[i], -scores[i]);
        }

        GC.KeepAlive(snapshot);
        return result;
    }
}
