using System.Security.Cryptography;
using Amazon.Runtime;
using Amazon.S3.Model;
using Microsoft.Extensions.Logging.Abstractions;
using ShortVideo.Hosting.Storage.S3;
using ShortVideo.Testing;
using ShortVideo.Uploads;

namespace ShortVideo.Hosting.Tests.Storage.S3;

/// <summary>The S3 stores of one node against a test's own bucket on a shared s3rver.</summary>
internal sealed class S3StoreHarness : IDisposable
{
    public const int KiB = 1024;

    public const int MiB = 1024 * KiB;

    /// <summary>The smallest part S3 allows, so a few MiB exercise parts, tails and completion.</summary>
    public const int PartSize = 5 * MiB;

    private static int s_buckets;

    public S3StoreHarness(S3rverServer server, Action<S3StorageOptions>? configure = null, HttpClientFactory? http = null)
        : this(NewOptions(server, configure), http)
    {
    }

    private S3StoreHarness(S3StorageOptions options, HttpClientFactory? http)
    {
        Options = options;
        Bucket = new S3StorageBucket(options, NullLogger<S3StorageBucket>.Instance, http);
        Store = new S3UploadDataStore(Bucket, NullLogger<S3UploadDataStore>.Instance, Pool);
        Blobs = new S3BlobStore(Bucket);
    }

    public S3StorageOptions Options { get; }

    public S3StorageBucket Bucket { get; }

    public S3UploadDataStore Store { get; }

    public S3BlobStore Blobs { get; }

    public CountingArrayPool Pool { get; } = new();

    /// <summary>A new node on the same bucket: what a restart after a crash sees.</summary>
    public S3StoreHarness Restart() => new(Options, http: null);

    public static byte[] RandomBytes(int seed, int length)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    public static string Sha256Hex(ReadOnlySpan<byte> bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    public static async Task<byte[]> ReadAllAsync(Stream stream)
    {
        await using (stream)
        {
            using var copy = new MemoryStream();
            await stream.CopyToAsync(copy);
            return copy.ToArray();
        }
    }

    /// <summary>Writes <paramref name="data"/> in chunks of the given sizes (cycled), committing every <paramref name="commitEvery"/> chunks and at the end.</summary>
    public static async Task<string?> WriteAsync(IUploadDataWriter writer, ReadOnlyMemory<byte> data, int[] chunkSizes, int commitEvery)
    {
        string? state = null;
        for (var i = 0; !data.IsEmpty; i++)
        {
            var n = Math.Min(chunkSizes[i % chunkSizes.Length], data.Length);
            await writer.WriteAsync(data[..n], default);
            data = data[n..];
            if ((i + 1) % commitEvery == 0)
            {
                state = await writer.CommitAsync(default);
            }
        }

        return await writer.CommitAsync(default) ?? state;
    }

    /// <summary>Creates an upload, writes all of <paramref name="data"/> with commits, closes the writer; returns the state.</summary>
    public async Task<string?> UploadAsync(string uploadId, byte[] data, int[]? chunkSizes = null, int commitEvery = 1)
    {
        var state = await Store.CreateAsync(uploadId, default);
        await using var writer = await Store.OpenWriterAsync(uploadId, 0, state, default);
        return await WriteAsync(writer, data, chunkSizes ?? [data.Length], commitEvery);
    }

    public async Task<List<string>> ListKeysAsync(string prefix)
    {
        var response = await Bucket.Client.ListObjectsV2Async(new ListObjectsV2Request { BucketName = Bucket.Name, Prefix = prefix });
        var keys = new List<string>();
        foreach (var item in response.S3Objects ?? [])
        {
            keys.Add(item.Key);
        }

        return keys;
    }

    public void Dispose() => Bucket.Dispose();

    private static S3StorageOptions NewOptions(S3rverServer server, Action<S3StorageOptions>? configure)
    {
        var options = new S3StorageOptions
        {
            ServiceUrl = server.ServiceUrl,
            Bucket = $"test-{Interlocked.Increment(ref s_buckets)}-{Guid.NewGuid():N}",
            AccessKey = S3rverServer.AccessKey,
            SecretKey = S3rverServer.SecretKey,
            PartSizeBytes = PartSize,
        };
        configure?.Invoke(options);
        return options;
    }
}
