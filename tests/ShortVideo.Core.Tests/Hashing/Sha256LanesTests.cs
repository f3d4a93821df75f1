using System.Security.Cryptography;
using ShortVideo.Hashing;

namespace ShortVideo.Core.Tests.Hashing;

/// <summary>
/// The 16-lane AVX-512 SHA-256 and the scheduler that batches uploads' appends into it, checked against .NET's
/// SHA256 on the same bytes: whole batches, lanes that finish early, resumed states with a partial block,
/// small batches that go through SHA-NI, and many concurrent appenders.
/// </summary>
public sealed class Sha256LanesTests
{
    [Avx512Fact]
    public unsafe void The_kernel_compresses_sixteen_lanes_like_sha256_does_one()
    {
        var messages = new byte[MultiBufferSha256.Lanes][];
        var random = new Random(11);
        for (var i = 0; i < messages.Length; i++)
        {
            // Each message is whole blocks plus its own padding block: the kernel alone yields the digest.
            messages[i] = PaddedSingleMessage(random, 64 * 40);
        }

        var state = stackalloc uint[8 * MultiBufferSha256.Lanes];
        var initial = new uint[] { 0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19 };
        for (var w = 0; w < 8; w++)
        {
            for (var lane = 0; lane < MultiBufferSha256.Lanes; lane++)
            {
                state[(w * MultiBufferSha256.Lanes) + lane] = initial[w];
            }
        }

        var handles = messages.Select(m => m.AsMemory().Pin()).ToArray();
        try
        {
            var pointers = stackalloc byte*[MultiBufferSha256.Lanes];
            var strides = stackalloc int[MultiBufferSha256.Lanes];
            for (var lane = 0; lane < MultiBufferSha256.Lanes; lane++)
            {
                pointers[lane] = (byte*)handles[lane].Pointer;
                strides[lane] = 64;
            }

            MultiBufferSha256.Compress(state, pointers, strides, messages[0].Length / 64);
        }
        finally
        {
            foreach (var handle in handles)
            {
                handle.Dispose();
            }
        }

        for (var lane = 0; lane < MultiBufferSha256.Lanes; lane++)
        {
            var digest = new byte[32];
            for (var w = 0; w < 8; w++)
            {
                System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(digest.AsSpan(w * 4), state[(w * MultiBufferSha256.Lanes) + lane]);
            }

            Assert.Equal(Convert.ToHexString(SHA256.HashData(messages[lane].AsSpan(0, 64 * 40))), Convert.ToHexString(digest));
        }
    }

    [Avx512Fact]
    public void A_full_batch_with_uneven_lengths_and_resumed_partial_blocks_hashes_every_upload_correctly()
    {
        var random = new Random(12);
        var uploads = Enumerable.Range(0, MultiBufferSha256.Lanes).Select(i => new Upload(random, prefix: i * 7, length: 200_000 + (i * 37_123))).ToList();

        Sha256Lanes.HashNow([.. uploads.Select(u => (u.Hash, u.Rest))]);

        foreach (var upload in uploads)
        {
            upload.AssertComplete();
        }
    }

    [Fact]
    public void A_batch_too_small_for_the_lanes_is_hashed_one_by_one_with_the_same_result()
    {
        var random = new Random(13);
        var uploads = Enumerable.Range(0, 5).Select(i => new Upload(random, prefix: 63 - i, length: 150_000 + i)).ToList();

        Sha256Lanes.HashNow([.. uploads.Select(u => (u.Hash, u.Rest))]);

        foreach (var upload in uploads)
        {
            upload.AssertComplete();
        }
    }

    [Fact]
    public async Task Many_uploads_appending_concurrently_each_get_their_own_hash()
    {
        var random = new Random(14);
        var uploads = Enumerable.Range(0, 48).Select(i => new Upload(random, prefix: i % 3 == 0 ? 0 : i, length: 600_000 + (i * 4_099))).ToList();

        // Each upload appends its bytes in 128 KiB pieces, in order, while the others do the same.
        await Task.WhenAll(uploads.Select(upload => Task.Run(async () =>
        {
            for (var offset = 0; offset < upload.Rest.Length; offset += 128 * 1024)
            {
                var piece = upload.Rest[offset..Math.Min(upload.Rest.Length, offset + (128 * 1024))];
                await Sha256Lanes.AppendAsync(upload.Hash, piece);
            }
        })));

        foreach (var upload in uploads)
        {
            upload.AssertComplete();
        }
    }

    [Fact]
    public void A_resumed_hash_exports_the_same_state_whichever_way_its_blocks_were_compressed()
    {
        var random = new Random(15);
        var bytes = new byte[300_001];
        random.NextBytes(bytes);
        var lanes = Enumerable.Range(0, MultiBufferSha256.Lanes).Select(_ => new ResumableSha256()).ToList();
        Sha256Lanes.HashNow([.. lanes.Select(h => (h, (ReadOnlyMemory<byte>)bytes))]);
        var single = new ResumableSha256();
        single.Append(bytes);

        foreach (var hash in lanes)
        {
            Assert.Equal(single.ExportState(), hash.ExportState());
            Assert.Equal(single.GetHashHex(), ResumableSha256.Import(hash.ExportState()).GetHashHex());
        }
    }

    private static byte[] PaddedSingleMessage(Random random, int length)
    {
        var message = new byte[length + 64];
        random.NextBytes(message.AsSpan(0, length));
        message[length] = 0x80;
        System.Buffers.Binary.BinaryPrimitives.WriteUInt64BigEndian(message.AsSpan(message.Length - 8), (ulong)length * 8);
        return message;
    }

    /// <summary>An upload whose first bytes were hashed earlier (and saved and restored, as after a restart).</summary>
    private sealed class Upload
    {
        private readonly byte[] _all;

        public Upload(Random random, int prefix, int length)
        {
            _all = new byte[length];
            random.NextBytes(_all);
            var started = new ResumableSha256();
            started.Append(_all.AsSpan(0, prefix));
            Hash = ResumableSha256.Import(started.ExportState());
            Rest = _all.AsMemory(prefix);
        }

        public ResumableSha256 Hash { get; }

        public ReadOnlyMemory<byte> Rest { get; }

        public void AssertComplete()
        {
            Assert.Equal(_all.Length, Hash.BytesHashed);
            Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(_all)), Hash.GetHashHex());
        }
    }
}
