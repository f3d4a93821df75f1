using System.Numerics.Tensors;
using ShortVideo.Ranking.Embeddings;

namespace ShortVideo.Ranking.Learning;

/// <summary>
/// Row-wise Adagrad over one embedding table: one accumulated squared-gradient scalar per row (the mean over
/// the row's elements), as large recommender models do, so the optimizer's state is 12 bytes a row rather than
/// a second copy of the table. Frequent ids take ever smaller steps; a new id learns fast. Writer only.
/// </summary>
internal sealed class RowAdagrad(EmbeddingTable table, float learningRate, float l2)
{
    private const float Epsilon = 1e-8f;
    private readonly Dictionary<long, float> _accumulators = [];
    private readonly float[] _row = new float[table.Dimension];

    public EmbeddingTable Table => table;

    /// <summary>
    /// Applies <paramref name="gradient"/> (changed in place) to the row of <paramref name="id"/>; false when the
    /// id has no row or the gradient is not finite, in which case nothing is stored.
    /// </summary>
    public bool Step(long id, Span<float> gradient)
    {
        if (!table.TryGet(id, _row))
        {
            return false;
        }

        if (l2 > 0)
        {
            TensorPrimitives.MultiplyAdd(_row, l2, gradient, gradient);
        }

        var squared = TensorPrimitives.SumOfSquares(gradient) / gradient.Length;
        if (!float.IsFinite(squared))
        {
            return false;
        }

        ref var accumulator = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(_accumulators, id, out _);
        accumulator += squared;
        TensorPrimitives.Multiply(gradient, -learningRate / (MathF.Sqrt(accumulator) + Epsilon), gradient);
        return table.Update(id, gradient);
    }

    /// <summary>Drops the optimizer state of ids whose rows expired.</summary>
    public void Prune()
    {
        List<long>? gone = null;
        foreach (var id in _accumulators.Keys)
        {
            if (!table.TryGet(id, _row))
            {
                (gone ??= []).Add(id);
            }
        }

        if (gone is not null)
        {
            foreach (var id in gone)
            {
                _accumulators.Remove(id);
            }
        }
    }
}
