using System.Security.Cryptography;
using ShortVideo.Hashing;

namespace ShortVideo.Core.Tests.Hashing;

public sealed class ResumableSha256Tests
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(55)]
    [InlineData(56)]
    [InlineData(64)]
    [InlineData(1_000_003)]
    public void Hash_equals_the_platform_sha256(int length)
    {
        var data = RandomBytes(length, seed: length);
        var hash = new ResumableSha256();
        hash.Append(data);
        Assert.Equal(SHA256.HashData(data), hash.GetHash());
    }

    [Fact]
    public void State_exported_at_odd_offsets_and_imported_continues_the_same_hash()
    {
        var data = RandomBytes(3_000_017, seed: 7);
        var random = new Random(11);
        var hash = new ResumableSha256();
        var position = 0;
        while (position < data.Length)
        {
            var take = Math.Min(random.Next(1, 200_000), data.Length - position);
            hash.Append(data.AsSpan(position, take));
            position += take;
            hash = ResumableSha256.Import(hash.ExportState());
            Assert.Equal(position, hash.BytesHashed);
        }

        Assert.Equal(SHA256.HashData(data), hash.GetHash());
    }

    [Fact]
    public void Managed_implementation_matches_openssl_and_shares_its_state_format()
    {
        var data = RandomBytes(100_000, seed: 3);
        var managed = new ManagedSha256();
        managed.Append(data.AsSpan(0, 12_345));
        Span<uint> words = stackalloc uint[8];
        var tail = managed.GetState(words).ToArray();

        var native = new ResumableSha256();
        native.Append(data.AsSpan(0, 12_345));
        var state = native.ExportState();
        for (var i = 0; i < 8; i++)
        {
            Assert.Equal(words[i], BitConverter.ToUInt32(state, 1 + (i * 4)));
        }

        Assert.Equal(tail, state.AsSpan(42).ToArray());
        managed.Append(data.AsSpan(12_345));
        var digest = new byte[32];
        managed.Finish(digest);
        Assert.Equal(SHA256.HashData(data), digest);
    }

    [Fact]
    public void Corrupt_state_is_refused()
    {
        var state = new ResumableSha256().ExportState();
        state[0] = 99;
        Assert.Throws<FormatException>(() => ResumableSha256.Import(state));
        Assert.Throws<FormatException>(() => ResumableSha256.Import(new byte[5]));
    }

    internal static byte[] RandomBytes(int length, int seed)
    {
        var data = new byte[length];
        new Random(seed).NextBytes(data);
        return data;
    }
}
