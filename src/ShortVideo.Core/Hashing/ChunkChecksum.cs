using System.Security.Cryptography;

namespace ShortVideo.Hashing;

/// <summary>
/// The tus checksum extension: a per-chunk digest the client sends in Upload-Checksum.
/// </summary>
internal sealed class ChunkChecksum : IDisposable
{
    /// <summary>Algorithms advertised in Tus-Checksum-Algorithm, in preference order.</summary>
    public const string SupportedAlgorithms = "sha256,sha1,md5";

    private readonly IncrementalHash _hash;
    private readonly byte[] _expected;

    private ChunkChecksum(IncrementalHash hash, byte[] expected)
    {
        _hash = hash;
        _expected = expected;
    }

    /// <summary>Algorithm names this server verifies.</summary>
    public static bool IsSupported(string algorithm) => AlgorithmOf(algorithm) is not null;

    /// <summary>Starts verifying a chunk against <paramref name="expected"/> (the decoded digest).</summary>
    /// <returns>null when the algorithm is not supported.</returns>
    public static ChunkChecksum? Create(string algorithm, byte[] expected)
    {
        return AlgorithmOf(algorithm) is { } name ? new ChunkChecksum(IncrementalHash.CreateHash(name), expected) : null;
    }

    /// <summary>Digest size in bytes of a supported algorithm, or 0.</summary>
    public static int DigestLength(string algorithm) => algorithm switch
    {
        "sha256" => 32,
        "sha1" => 20,
        "md5" => 16,
        _ => 0,
    };

    public void Append(ReadOnlySpan<byte> data) => _hash.AppendData(data);

    public bool Matches()
    {
        Span<byte> actual = stackalloc byte[64];
        var written = _hash.GetHashAndReset(actual);
        return CryptographicOperations.FixedTimeEquals(actual[..written], _expected);
    }

    public void Dispose() => _hash.Dispose();

    private static HashAlgorithmName? AlgorithmOf(string algorithm) => algorithm switch
    {
        "sha256" => HashAlgorithmName.SHA256,
        "sha1" => HashAlgorithmName.SHA1,
        "md5" => HashAlgorithmName.MD5,
        _ => null,
    };
}
