using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace ShortVideo.Ranking.Retrieval;

/// <summary>Reads 16 consecutive values of a stored row as fp32; the kernels are generic over it so the JIT emits one loop per storage type.</summary>
internal unsafe interface IRowLoader
{
    static abstract Vector512<float> Load(byte* row, int column);
}

/// <summary>fp32 rows: one aligned 64-byte load.</summary>
internal readonly unsafe struct SingleRows : IRowLoader
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Load(byte* row, int column) => Vector512.LoadAligned((float*)row + column);
}

/// <summary>
/// fp16 rows: one aligned 32-byte load widened in registers. .NET 10 exposes no vcvtph2ps, so the bits are
/// moved into an fp32 with the exponent 112 too small and multiplied by 2^112, which rebiases normal and
/// subnormal halves alike (zero stays zero); infinities and NaN never reach storage.
/// </summary>
internal readonly unsafe struct HalfRows : IRowLoader
{
    private const int TwoPow112Bits = 0x77800000;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Load(byte* row, int column)
    {
        var halves = Vector256.LoadAligned((ushort*)row + column);
        var bits = Vector512.WidenLower(halves.ToVector512Unsafe());
        var magnitude = (bits & Vector512.Create(0x7FFFu)) << 13;
        var sign = (bits & Vector512.Create(0x8000u)) << 16;
        return (magnitude | sign).AsSingle() * Vector512.Create(BitConverter.Int32BitsToSingle(TwoPow112Bits));
    }
}
