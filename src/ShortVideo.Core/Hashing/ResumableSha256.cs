using System.Buffers.Binary;
using System.Security.Cryptography;

namespace ShortVideo.Hashing;

/// <summary>
/// SHA-256 whose running state can be saved and restored, so the hash of an upload is computed
/// exactly once as bytes arrive, across PATCH requests and node restarts.
/// Uses OpenSSL's SHA256_CTX when libcrypto is present, a managed implementation otherwise; both
/// export the same portable state (the eight words, the byte count and the unprocessed tail).
/// </summary>
internal sealed unsafe class ResumableSha256
{
    private const byte StateVersion = 1;

    // Portable state: version(1) + h[8](32) + byteCount(8) + tailLength(1) + tail(<64).

    private readonly byte[] _context = new byte[OpenSslSha256.ContextSize];
    private readonly ManagedSha256? _managed;

    /// <summary>Starts a new hash.</summary>
    public ResumableSha256()
    {
        if (OpenSslSha256.IsAvailable)
        {
            fixed (byte* ctx = _context)
            {
                Check(OpenSslSha256.SHA256_Init(ctx));
            }
        }
        else
        {
            _managed = new ManagedSha256();
        }
    }

    /// <summary>Bytes hashed so far.</summary>
    public long BytesHashed { get; private set; }

    /// <summary>Restores a hash from <see cref="ExportState"/>.</summary>
    /// <exception cref="FormatException">The state is not one this class wrote.</exception>
    public static ResumableSha256 Import(ReadOnlySpan<byte> state)
    {
        if (state.Length < 42 || state[0] != StateVersion || state[41] > 63 || state.Length != 42 + state[41])
        {
            throw new FormatException("The saved SHA-256 state is corrupt or from an unknown version.");
        }

        Span<uint> words = stackalloc uint[8];
        for (var i = 0; i < 8; i++)
        {
            words[i] = BinaryPrimitives.ReadUInt32LittleEndian(state.Slice(1 + (i * 4), 4));
        }

        var byteCount = BinaryPrimitives.ReadInt64LittleEndian(state.Slice(33, 8));
        var tail = state.Slice(42, state[41]);
        if (byteCount < 0 || (byteCount & 63) != tail.Length)
        {
            throw new FormatException("The saved SHA-256 state is inconsistent.");
        }

        var hash = new ResumableSha256();
        hash.BytesHashed = byteCount;
        if (hash._managed is { } managed)
        {
            managed.SetState(words, byteCount, tail);
            return hash;
        }

        // Rebuild SHA256_CTX field by field (native endianness, as OpenSSL keeps it).
        var ctx = hash._context.AsSpan();
        for (var i = 0; i < 8; i++)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(ctx.Slice(i * 4, 4), words[i]);
        }

        var bits = (ulong)byteCount << 3;
        BinaryPrimitives.WriteUInt32LittleEndian(ctx.Slice(32, 4), (uint)bits);
        BinaryPrimitives.WriteUInt32LittleEndian(ctx.Slice(36, 4), (uint)(bits >> 32));
        ctx.Slice(40, 64).Clear();
        tail.CopyTo(ctx.Slice(40, 64));
        BinaryPrimitives.WriteUInt32LittleEndian(ctx.Slice(104, 4), (uint)tail.Length);
        BinaryPrimitives.WriteUInt32LittleEndian(ctx.Slice(108, 4), 32);
        return hash;
    }

    /// <summary>Adds bytes to the hash.</summary>
    public void Append(ReadOnlySpan<byte> data)
    {
        if (data.IsEmpty)
        {
            return;
        }

        if (_managed is { } managed)
        {
            managed.Append(data);
        }
        else
        {
            fixed (byte* ctx = _context)
            fixed (byte* p = data)
            {
                Check(OpenSslSha256.SHA256_Update(ctx, p, (nuint)data.Length));
            }
        }

        BytesHashed += data.Length;
    }

    /// <summary>Bytes appended but not yet compressed (0 to 63): the start of the next 64-byte block.</summary>
    internal int TailLength => (int)(BytesHashed & 63);

    /// <summary>The eight chaining words, as after the last whole block.</summary>
    internal void ReadWords(Span<uint> words)
    {
        if (_managed is { } managed)
        {
            managed.GetState(words);
            return;
        }

        var ctx = _context.AsSpan();
        for (var i = 0; i < 8; i++)
        {
            words[i] = BinaryPrimitives.ReadUInt32LittleEndian(ctx.Slice(i * 4, 4));
        }
    }

    /// <summary>
    /// Takes the chaining words after whole blocks were compressed elsewhere (<see cref="Sha256Lanes"/>):
    /// <paramref name="bytes"/> more bytes were hashed. Only valid with an empty tail.
    /// </summary>
    internal void AdvanceWholeBlocks(ReadOnlySpan<uint> words, long bytes)
    {
        if (TailLength != 0 || (bytes & 63) != 0)
        {
            throw new InvalidOperationException("Whole blocks can only be added at a block boundary.");
        }

        BytesHashed += bytes;
        if (_managed is { } managed)
        {
            managed.SetState(words, BytesHashed, []);
            return;
        }

        var ctx = _context.AsSpan();
        for (var i = 0; i < 8; i++)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(ctx.Slice(i * 4, 4), words[i]);
        }

        var bits = (ulong)BytesHashed << 3;
        BinaryPrimitives.WriteUInt32LittleEndian(ctx.Slice(32, 4), (uint)bits);
        BinaryPrimitives.WriteUInt32LittleEndian(ctx.Slice(36, 4), (uint)(bits >> 32));
    }

    /// <summary>Serializes the running state (at most 105 bytes).</summary>
    public byte[] ExportState()
    {
        Span<uint> words = stackalloc uint[8];
        ReadOnlySpan<byte> tail;
        if (_managed is { } managed)
        {
            tail = managed.GetState(words);
        }
        else
        {
            var ctx = _context.AsSpan();
            for (var i = 0; i < 8; i++)
            {
                words[i] = BinaryPrimitives.ReadUInt32LittleEndian(ctx.Slice(i * 4, 4));
            }

            var num = (int)BinaryPrimitives.ReadUInt32LittleEndian(ctx.Slice(104, 4));
            tail = ctx.Slice(40, num);
        }

        var state = new byte[42 + tail.Length];
        state[0] = StateVersion;
        for (var i = 0; i < 8; i++)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(state.AsSpan(1 + (i * 4), 4), words[i]);
        }

        BinaryPrimitives.WriteInt64LittleEndian(state.AsSpan(33, 8), BytesHashed);
        state[41] = (byte)tail.Length;
        tail.CopyTo(state.AsSpan(42));
        return state;
    }

    /// <summary>Finishes the hash of everything appended (the object stays usable: it hashes a copy).</summary>
    public byte[] GetHash()
    {
        var digest = new byte[32];
        if (_managed is { } managed)
        {
            managed.Finish(digest);
            return digest;
        }

        var copy = (byte[])_context.Clone();
        fixed (byte* ctx = copy)
        fixed (byte* d = digest)
        {
            Check(OpenSslSha256.SHA256_Final(d, ctx));
        }

        return digest;
    }

    /// <summary>Lowercase hex of <see cref="GetHash"/>.</summary>
    public string GetHashHex() => Convert.ToHexStringLower(GetHash());

    private static void Check(int result)
    {
        if (result != 1)
        {
            throw new CryptographicException("OpenSSL SHA-256 failed.");
        }
    }

}
