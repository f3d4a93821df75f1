using System.Buffers.Binary;
using System.Numerics;

namespace ShortVideo.Hashing;

/// <summary>
/// FIPS 180-4 SHA-256 in plain C#, used only where libcrypto cannot be loaded. Several times slower
/// than OpenSSL with SHA-NI, but its state is the same portable one, so an upload can move between them.
/// </summary>
internal sealed class ManagedSha256
{
    /// <summary>The 64 round constants of FIPS 180-4 (shared with the multi-buffer kernel).</summary>
    internal static readonly uint[] K =
    [
        0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
        0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
        0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
        0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
        0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
        0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
        0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
        0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
    ];

    private readonly uint[] _h = [0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19];
    private readonly byte[] _tail = new byte[64];
    private int _tailLength;
    private long _byteCount;

    public void Append(ReadOnlySpan<byte> data)
    {
        _byteCount += data.Length;
        if (_tailLength > 0)
        {
            var take = Math.Min(64 - _tailLength, data.Length);
            data[..take].CopyTo(_tail.AsSpan(_tailLength));
            _tailLength += take;
            data = data[take..];
            if (_tailLength < 64)
            {
                return;
            }

            Compress(_h, _tail);
            _tailLength = 0;
        }

        while (data.Length >= 64)
        {
            Compress(_h, data[..64]);
            data = data[64..];
        }

        data.CopyTo(_tail);
        _tailLength = data.Length;
    }

    public ReadOnlySpan<byte> GetState(scoped Span<uint> words)
    {
        _h.CopyTo(words);
        return _tail.AsSpan(0, _tailLength);
    }

    public void SetState(ReadOnlySpan<uint> words, long byteCount, ReadOnlySpan<byte> tail)
    {
        words.CopyTo(_h);
        _byteCount = byteCount;
        tail.CopyTo(_tail);
        _tailLength = tail.Length;
    }

    public void Finish(Span<byte> digest)
    {
        Span<uint> h = stackalloc uint[8];
        _h.CopyTo(h);
        Span<byte> block = stackalloc byte[128];
        block.Clear();
        _tail.AsSpan(0, _tailLength).CopyTo(block);
        block[_tailLength] = 0x80;
        var blocks = _tailLength < 56 ? 1 : 2;
        BinaryPrimitives.WriteUInt64BigEndian(block.Slice((blocks * 64) - 8, 8), (ulong)_byteCount << 3);
        for (var i = 0; i < blocks; i++)
        {
            Compress(h, block.Slice(i * 64, 64));
        }

        for (var i = 0; i < 8; i++)
        {
            BinaryPrimitives.WriteUInt32BigEndian(digest.Slice(i * 4, 4), h[i]);
        }
    }

    private static void Compress(Span<uint> h, ReadOnlySpan<byte> block)
    {
        Span<uint> w = stackalloc uint[64];
        for (var i = 0; i < 16; i++)
        {
            w[i] = BinaryPrimitives.ReadUInt32BigEndian(block.Slice(i * 4, 4));
        }

        for (var i = 16; i < 64; i++)
        {
            var s0 = BitOperations.RotateRight(w[i - 15], 7) ^ BitOperations.RotateRight(w[i - 15], 18) ^ (w[i - 15] >> 3);
            var s1 = BitOperations.RotateRight(w[i - 2], 17) ^ BitOperations.RotateRight(w[i - 2], 19) ^ (w[i - 2] >> 10);
            w[i] = w[i - 16] + s0 + w[i - 7] + s1;
        }

        uint a = h[0], b = h[1], c = h[2], d = h[3], e = h[4], f = h[5], g = h[6], hh = h[7];
        for (var i = 0; i < 64; i++)
        {
            var s1 = BitOperations.RotateRight(e, 6) ^ BitOperations.RotateRight(e, 11) ^ BitOperations.RotateRight(e, 25);
            var ch = (e & f) ^ (~e & g);
            var t1 = hh + s1 + ch + K[i] + w[i];
            var s0 = BitOperations.RotateRight(a, 2) ^ BitOperations.RotateRight(a, 13) ^ BitOperations.RotateRight(a, 22);
            var maj = (a & b) ^ (a & c) ^ (b & c);
            var t2 = s0 + maj;
            hh = g;
            g = f;
            f = e;
            e = d + t1;
            d = c;
            c = b;
            b = a;
            a = t1 + t2;
        }

        h[0] += a;
        h[1] += b;
        h[2] += c;
        h[3] += d;
        h[4] += e;
        h[5] += f;
        h[6] += g;
        h[7] += hh;
    }
}
