using BenchmarkDotNet.Attributes;
using ShortVideo.Hashing;

namespace ShortVideo.Benchmarks;

/// <summary>
/// Sixteen uploads' 512 KiB receive buffers (what the engine hands over at 64 parallel uploads): hashed one
/// after another with SHA-NI (OpenSSL), against one batch through the 16-lane AVX-512 kernel. Same bytes,
/// same resumable hashes; the ratio is the per-core saving of batching.
/// </summary>
[MemoryDiagnoser]
public class MultiBufferHashBenchmarks
{
    private const int Buffer = 512 * 1024;
    private const int Uploads = 16;
    private readonly byte[][] _buffers = new byte[Uploads][];

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(42);
        for (var i = 0; i < Uploads; i++)
        {
            _buffers[i] = new byte[Buffer];
            random.NextBytes(_buffers[i]);
        }
    }

    [Benchmark(Baseline = true)]
    public long ShaNi_one_upload_at_a_time()
    {
        long hashed = 0;
        foreach (var buffer in _buffers)
        {
            var hash = new ResumableSha256();
            hash.Append(buffer);
            hashed += hash.BytesHashed;
        }

        return hashed;
    }

    [Benchmark]
    public long Avx512_sixteen_lanes()
    {
        var appends = new (ResumableSha256 Hash, ReadOnlyMemory<byte> Data)[Uploads];
        for (var i = 0; i < Uploads; i++)
        {
            appends[i] = (new ResumableSha256(), _buffers[i]);
        }

        Sha256Lanes.HashNow(appends);
        long hashed = 0;
        foreach (var (hash, _) in appends)
        {
            hashed += hash.BytesHashed;
        }

        return hashed;
    }
}
