using System.Numerics.Tensors;
using System.Runtime.InteropServices;

namespace ShortVideo.Ranking.Embeddings;

/// <summary>
/// A fixed block of row slots. Chunks are allocated once and never moved or resized, so a reader that
/// found a slot copies from memory that stays put; growth adds chunks instead of copying an arena.
/// </summary>
internal sealed class EmbeddingRowChunk
{
    // 4096 rows: 1 MiB of fp32 data at the default 64 dimensions, so a million rows take ~250 chunks and
    // the chunk table the writer copies on growth stays a few KiB.
    public const int Shift = 12;
    public const int Rows = 1 << Shift;
    public const int Mask = Rows - 1;

    /// <summary>Bookkeeping per slot besides the row: sequence (4), id (8), last touched (8).</summary>
    public const int SlotOverheadBytes = sizeof(int) + sizeof(long) + sizeof(long);

    /// <summary>Touched value of a slot that holds no row.</summary>
    public const long Free = -1;

    /// <summary>Per-row seqlock: odd while the writer changes the row, bumped by two per change.</summary>
    public readonly int[] Sequences = new int[Rows];

    public readonly long[] Ids = new long[Rows];

    /// <summary>UTC ticks of the last touch, or <see cref="Free"/>.</summary>
    public readonly long[] Touched = new long[Rows];

    private readonly float[]? _singles;
    private readonly Half[]? _halves;
    private readonly int _dimension;

    public EmbeddingRowChunk(int dimension, EmbeddingStorage storage)
    {
        _dimension = dimension;
        if (storage == EmbeddingStorage.Fp16)
        {
            _halves = GC.AllocateUninitializedArray<Half>(Rows * dimension);
        }
        else
        {
            _singles = GC.AllocateUninitializedArray<float>(Rows * dimension);
        }

        Touched.AsSpan().Fill(Free);
    }

    public void Read(int row, Span<float> destination)
    {
        if (_singles is not null)
        {
            _singles.AsSpan(row * _dimension, _dimension).CopyTo(destination);
        }
        else
        {
            TensorPrimitives.ConvertToSingle(_halves.AsSpan(row * _dimension, _dimension), destination);
        }
    }

    public void Write(int row, ReadOnlySpan<float> values)
    {
        if (_singles is not null)
        {
            values.CopyTo(_singles.AsSpan(row * _dimension, _dimension));
        }
        else
        {
            TensorPrimitives.ConvertToHalf(values, _halves.AsSpan(row * _dimension, _dimension));
        }
    }

    /// <summary>The stored bytes of a row, exactly as kept (little-endian float or half), for snapshots.</summary>
    public Span<byte> RowBytes(int row) => _singles is not null
        ? MemoryMarshal.AsBytes(_singles.AsSpan(row * _dimension, _dimension))
        : MemoryMarshal.AsBytes(_halves.AsSpan(row * _dimension, _dimension));
}
