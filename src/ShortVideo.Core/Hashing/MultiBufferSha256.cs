using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace ShortVideo.Hashing;

/// <summary>
/// The SHA-256 compression function for 16 independent messages at once, one per 32-bit lane of AVX-512
/// registers. A single stream cannot go faster than SHA-NI (about 1.4 GB/s per core here), but 16 streams
/// side by side reach about 2.6 GB/s per core (measured on this project's Xeon), and an ingest node with many
/// uploads in flight always has many streams. The 64-byte blocks of the 16 lanes are transposed in registers
/// (three unpack/shuffle stages) so each register holds one message word of all lanes.
/// </summary>
internal static unsafe class MultiBufferSha256
{
    public const int Lanes = 16;

    // vpternlogd truth tables: a ^ b ^ c, a ? b : c (choose), majority(a, b, c).
    private const byte Xor3 = 0x96;
    private const byte Choose = 0xCA;
    private const byte Majority = 0xE8;

    /// <summary>True where the CPU has AVX-512 F and BW (and the runtime uses them).</summary>
    public static bool IsSupported => Avx512F.IsSupported && Avx512BW.IsSupported;

    /// <summary>
    /// Runs <paramref name="blocks"/> compressions on every lane. <paramref name="state"/> holds the eight words
    /// word-major (<c>state[word * 16 + lane]</c>); lane i reads <paramref name="blocks"/> consecutive 64-byte
    /// blocks from <paramref name="data"/>[i]. An unused lane can point at any readable 64 bytes with
    /// <paramref name="strides"/>[i] = 0; its state comes out scrambled and is ignored by the caller.
    /// Each pointer is left just past what its lane read, so the next call continues where this one stopped.
    /// </summary>
    public static void Compress(uint* state, byte** data, int* strides, long blocks)
    {
        if (!IsSupported)
        {
            throw new PlatformNotSupportedException("Multi-buffer SHA-256 needs AVX-512 F and BW.");
        }

        var schedule = stackalloc Vector512<uint>[16];
        var rows = stackalloc Vector512<uint>[16];
        var keys = stackalloc Vector512<uint>[64];
        for (var i = 0; i < 64; i++)
        {
            keys[i] = Vector512.Create(ManagedSha256.K[i]);
        }

        var byteSwap = Vector512.Create(
            (byte)3, 2, 1, 0, 7, 6, 5, 4, 11, 10, 9, 8, 15, 14, 13, 12, 3, 2, 1, 0, 7, 6, 5, 4, 11, 10, 9, 8, 15, 14, 13, 12,
            3, 2, 1, 0, 7, 6, 5, 4, 11, 10, 9, 8, 15, 14, 13, 12, 3, 2, 1, 0, 7, 6, 5, 4, 11, 10, 9, 8, 15, 14, 13, 12);

        var a = Vector512.Load(state);
        var b = Vector512.Load(state + 16);
        var c = Vector512.Load(state + 32);
        var d = Vector512.Load(state + 48);
        var e = Vector512.Load(state + 64);
        var f = Vector512.Load(state + 80);
        var g = Vector512.Load(state + 96);
        var h = Vector512.Load(state + 112);

        for (long block = 0; block < blocks; block++)
        {
            for (var i = 0; i < Lanes; i++)
            {
                rows[i] = Avx512BW.Shuffle(Vector512.Load(data[i]), byteSwap).AsUInt32();
                data[i] += strides[i];
            }

            Transpose(rows, schedule);

            var (aa, bb, cc, dd, ee, ff, gg, hh) = (a, b, c, d, e, f, g, h);
            for (var t = 0; t < 64; t++)
            {
                Vector512<uint> word;
                if (t < 16)
                {
                    word = schedule[t];
                }
                else
                {
                    var w15 = schedule[(t - 15) & 15];
                    var w2 = schedule[(t - 2) & 15];
                    var s0 = Avx512F.TernaryLogic(Avx512F.RotateRight(w15, 7), Avx512F.RotateRight(w15, 18), Avx512F.ShiftRightLogical(w15, 3), Xor3);
                    var s1 = Avx512F.TernaryLogic(Avx512F.RotateRight(w2, 17), Avx512F.RotateRight(w2, 19), Avx512F.ShiftRightLogical(w2, 10), Xor3);
                    word = schedule[t & 15] + s0 + schedule[(t - 7) & 15] + s1;
                    schedule[t & 15] = word;
                }

                var sum1 = Avx512F.TernaryLogic(Avx512F.RotateRight(ee, 6), Avx512F.RotateRight(ee, 11), Avx512F.RotateRight(ee, 25), Xor3);
                var choose = Avx512F.TernaryLogic(ee, ff, gg, Choose);
                var t1 = hh + sum1 + choose + keys[t] + word;
                var sum0 = Avx512F.TernaryLogic(Avx512F.RotateRight(aa, 2), Avx512F.RotateRight(aa, 13), Avx512F.RotateRight(aa, 22), Xor3);
                var majority = Avx512F.TernaryLogic(aa, bb, cc, Majority);
                (hh, gg, ff, ee, dd, cc, bb, aa) = (gg, ff, ee, dd + t1, cc, bb, aa, t1 + sum0 + majority);
            }

            (a, b, c, d, e, f, g, h) = (a + aa, b + bb, c + cc, d + dd, e + ee, f + ff, g + gg, h + hh);
        }

        a.Store(state);
        b.Store(state + 16);
        c.Store(state + 32);
        d.Store(state + 48);
        e.Store(state + 64);
        f.Store(state + 80);
        g.Store(state + 96);
        h.Store(state + 112);
    }

    /// <summary>
    /// 16x16 transpose of 32-bit words: rows[lane] holds word 0..15 of one lane's block; afterwards
    /// words[w] holds word w of all 16 lanes.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Transpose(Vector512<uint>* rows, Vector512<uint>* words)
    {
        // Pairs of lanes interleaved per 32-bit word, then per 64-bit pair: rows[4k + j] ends up holding
        // words {j, j+4, j+8, j+12} of lanes 4k..4k+3, one 128-bit quarter per word.
        for (var k = 0; k < Lanes; k += 2)
        {
            var low = Avx512F.UnpackLow(rows[k], rows[k + 1]);
            var high = Avx512F.UnpackHigh(rows[k], rows[k + 1]);
            rows[k] = low;
            rows[k + 1] = high;
        }

        for (var k = 0; k < Lanes; k += 4)
        {
            var t0 = rows[k].AsUInt64();
            var t1 = rows[k + 1].AsUInt64();
            var t2 = rows[k + 2].AsUInt64();
            var t3 = rows[k + 3].AsUInt64();
            rows[k] = Avx512F.UnpackLow(t0, t2).AsUInt32();
            rows[k + 1] = Avx512F.UnpackHigh(t0, t2).AsUInt32();
            rows[k + 2] = Avx512F.UnpackLow(t1, t3).AsUInt32();
            rows[k + 3] = Avx512F.UnpackHigh(t1, t3).AsUInt32();
        }

        // Gather quarter q of the four lane groups: word j + 4q of all lanes.
        for (var j = 0; j < 4; j++)
        {
            var v0 = Avx512F.Shuffle4x128(rows[j], rows[4 + j], 0x44);
            var v1 = Avx512F.Shuffle4x128(rows[j], rows[4 + j], 0xEE);
            var v2 = Avx512F.Shuffle4x128(rows[8 + j], rows[12 + j], 0x44);
            var v3 = Avx512F.Shuffle4x128(rows[8 + j], rows[12 + j], 0xEE);
            words[j] = Avx512F.Shuffle4x128(v0, v2, 0x88);
            words[j + 4] = Avx512F.Shuffle4x128(v0, v2, 0xDD);
            words[j + 8] = Avx512F.Shuffle4x128(v1, v3, 0x88);
            words[j + 12] = Avx512F.Shuffle4x128(v1, v3, 0xDD);
        }
    }
}
