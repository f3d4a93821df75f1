using System.Buffers;
using ShortVideo.Ranking.Onnx;

namespace ShortVideo.Gpu.Onnx;

/// <summary>An input for one run: managed memory the runtime reads in place (pinned for the run), and its shape.</summary>
internal readonly struct OnnxTensor
{
    private readonly ReadOnlyMemory<float> _floats;
    private readonly ReadOnlyMemory<long> _int64s;

    private OnnxTensor(OnnxElementType type, ReadOnlyMemory<float> floats, ReadOnlyMemory<long> int64s, long[] shape)
    {
        ArgumentNullException.ThrowIfNull(shape);
        long elements = 1;
        foreach (var dim in shape)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(dim, nameof(shape));
            elements = checked(elements * dim);
        }

        var length = type == OnnxElementType.Float ? floats.Length : int64s.Length;
        if (elements != length)
        {
            throw new ArgumentException($"A tensor of shape [{string.Join(", ", shape)}] holds {elements} values, not {length}.", nameof(shape));
        }

        ElementType = type;
        _floats = floats;
        _int64s = int64s;
        Shape = shape;
    }

    public OnnxElementType ElementType { get; }

    public long[] Shape { get; }

    public long ByteLength => ElementType == OnnxElementType.Float ? (long)_floats.Length * sizeof(float) : (long)_int64s.Length * sizeof(long);

    public static OnnxTensor Float(ReadOnlyMemory<float> values, params long[] shape) => new(OnnxElementType.Float, values, default, shape);

    public static OnnxTensor Int64(ReadOnlyMemory<long> values, params long[] shape) => new(OnnxElementType.Int64, default, values, shape);

    /// <summary>Pins the values for the duration of a run.</summary>
    public MemoryHandle Pin() => ElementType == OnnxElementType.Float ? _floats.Pin() : _int64s.Pin();
}
