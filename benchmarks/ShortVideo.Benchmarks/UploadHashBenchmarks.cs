using System.Security.Cryptography;
using BenchmarkDotNet.Attributes;
using ShortVideo.Hashing;

namespace ShortVideo.Benchmarks;

/// <summary>
/// The per-byte cost of an upload's SHA-256: our resumable hash (OpenSSL SHA256_CTX, plus a state
/// export per 8 MiB commit) against .NET's IncrementalHash (same OpenSSL code, no exportable state)
/// and the managed fallback. 256 KiB appends, as the engine reads request bodies.
/// </summary>
[MemoryDiagnoser]
public class UploadHashBenchmarks
{
    private const int Append = 256 * 1024;
    private byte[] _data = [];

    [Params(8 * 1024 * 1024)]
    public int Bytes { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _data = new byte[Bytes];
        new Random(42).NextBytes(_data);
    }

    [Benchmark(Baseline = true)]
    public byte[] IncrementalHash_platform()
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        for (var i = 0; i < _data.Length; i += Append)
        {
            hash.AppendData(_data, i, Append);
        }

        return hash.GetHashAndReset();
    }

    [Benchmark]
    public byte[] ResumableSha256_with_state_export()
    {
        var hash = new ResumableSha256();
        for (var i = 0; i < _data.Length; i += Append)
        {
            hash.Append(_data.AsSpan(i, Append));
        }

        _ = hash.ExportState();
        return hash.GetHash();
    }

    [Benchmark]
    public byte[] ManagedSha256_fallback()
    {
        var hash = new ManagedSha256();
        for (var i = 0; i < _data.Length; i += Append)
        {
            hash.Append(_data.AsSpan(i, Append));
        }

        var digest = new byte[32];
        hash.Finish(digest);
        return digest;
    }
}
