using System.Diagnostics;
using System.Globalization;
using ShortVideo.Cli.Upload;

namespace ShortVideo.Cli.Bench;

/// <summary>
/// N parallel tus uploads of the in-memory payload against one endpoint, each a sequence of PATCHes whose
/// latencies are recorded; the same workload runs against our node and against the peer.
/// </summary>
internal static class UploadWorkload
{
    private static readonly TimeSpan WarmUpSettle = TimeSpan.FromMilliseconds(750);

    // Tiered compilation of a fresh node (ASP.NET, Kestrel and our upload path: thousands of methods, each
    // compiled two or three times) takes seconds of CPU; measured with a one-chunk warm-up, the JIT thread was
    // still a fifth of the node's CPU during the timed run. Both targets are warmed the same way.
    private static readonly TimeSpan MinimumWarmUp = TimeSpan.FromSeconds(1);
    private const int MaxWarmUpRounds = 200;

    public static async Task<UploadWorkloadResult> RunAsync(
        UploadWorkloadOptions options, BenchPayload payload, HttpClient http, CancellationToken cancellationToken)
    {
        var tus = new TusConnection(http, options.Token);
        var chunksPerUpload = (payload.SizeBytes + options.ChunkSize - 1) / options.ChunkSize;
        var latencies = new List<double>[options.Parallel];
        var urls = new Uri[options.Parallel];
        var videoIds = new string?[options.Parallel];
        var tasks = new Task[options.Parallel];

        long started;
        try
        {
            if (options.WarmUp)
            {
                await WarmUpAsync(tus, options, payload, cancellationToken);
            }

            started = Stopwatch.GetTimestamp();
            for (var i = 0; i < options.Parallel; i++)
            {
                latencies[i] = new List<double>(chunksPerUpload);
                tasks[i] = UploadOneAsync(tus, options, payload.ForUpload(i), i, latencies[i], urls, videoIds, cancellationToken);
            }

            await Task.WhenAll(tasks);
        }
        catch (Exception ex) when (ex is TusHttpException or TusProtocolException or HttpRequestException or IOException)
        {
            throw new BenchException($"the upload workload against {options.Endpoint} failed: {ex.Message}", ex);
        }

        var wall = Stopwatch.GetElapsedTime(started).TotalSeconds;
        var all = new List<double>(options.Parallel * chunksPerUpload);
        foreach (var list in latencies)
        {
            all.AddRange(list);
        }

        all.Sort();
        var sorted = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(all);
        var totalBytes = (long)payload.SizeBytes * options.Parallel;
        return new UploadWorkloadResult
        {
            TotalBytes = totalBytes,
            WallSeconds = wall,
            ThroughputMBps = wall > 0 ? totalBytes / wall / 1e6 : 0,
            PatchP50Ms = Percentiles.NearestRank(sorted, 50),
            PatchP99Ms = Percentiles.NearestRank(sorted, 99),
            Patches = all.Count,
            UploadUrls = urls,
            VideoIds = videoIds,
        };
    }

    /// <summary>
    /// Untimed rounds at full parallelism, identical for every target, until <see cref="MinimumWarmUp"/> has
    /// passed: connections, first-request costs and the JIT are not the workload; steady state is. Each round
    /// uploads up to two chunks per slot, so a mid-upload PATCH and a completing one are both exercised, and
    /// each is a different-length prefix of the payload, so nothing deduplicates.
    /// </summary>
    private static async Task WarmUpAsync(TusConnection tus, UploadWorkloadOptions options, BenchPayload payload, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        for (var round = 0; round < MaxWarmUpRounds && (round == 0 || Stopwatch.GetElapsedTime(started) < MinimumWarmUp); round++)
        {
            var warmUps = new Task[options.Parallel];
            var warmUrls = new Uri[options.Parallel];
            var length = Math.Max(1, Math.Min(payload.SizeBytes - 1, 2 * options.ChunkSize) - round);
            for (var i = 0; i < options.Parallel; i++)
            {
                warmUps[i] = UploadOneAsync(tus, options, payload.ForUpload(i)[..length], i, new List<double>(2), warmUrls, new string?[options.Parallel], cancellationToken);
            }

            await Task.WhenAll(warmUps);
        }

        await Task.Delay(WarmUpSettle, cancellationToken);
    }

    private static async Task UploadOneAsync(
        TusConnection tus, UploadWorkloadOptions options, ReadOnlyMemory<byte> body, int index,
        List<double> latencies, Uri[] urls, string?[] videoIds, CancellationToken cancellationToken)
    {
        var metadata = UploadMetadata.Build(string.Create(CultureInfo.InvariantCulture, $"bench-{index}.bin"), null);
        var created = await tus.CreateAsync(options.Endpoint, body.Length, metadata, cancellationToken);
        urls[index] = created.UploadUrl;

        long offset = 0;
        while (offset < body.Length)
        {
            var count = (int)Math.Min(options.ChunkSize, body.Length - offset);
            var chunk = body.Slice((int)offset, count);
            var checksum = options.Checksums ? TusHeaderReader.Sha256Checksum(chunk.Span) : null;

            var sent = Stopwatch.GetTimestamp();
            var result = await tus.PatchAsync(created.UploadUrl, offset, chunk, checksum, cancellationToken);
            latencies.Add(Stopwatch.GetElapsedTime(sent).TotalMilliseconds);

            if (result.Offset <= offset || result.Offset > body.Length)
            {
                throw new TusProtocolException($"the server moved upload {index} from offset {offset} to {result.Offset}");
            }

            offset = result.Offset;
            videoIds[index] = result.VideoId ?? created.VideoId;
        }
    }

}

internal sealed record UploadWorkloadOptions
{
    public required Uri Endpoint { get; init; }

    public string? Token { get; init; }

    public int Parallel { get; init; } = 1;

    public int ChunkSize { get; init; } = 8 * 1024 * 1024;

    /// <summary>Off by default: the bench measures transfer and storage, not a second SHA-256 per chunk.</summary>
    public bool Checksums { get; init; }

    /// <summary>Send one untimed chunk-sized upload per parallel slot before the timed ones.</summary>
    public bool WarmUp { get; init; } = true;
}

internal sealed record UploadWorkloadResult
{
    public long TotalBytes { get; init; }

    public double WallSeconds { get; init; }

    public double ThroughputMBps { get; init; }

    public double PatchP50Ms { get; init; }

    public double PatchP99Ms { get; init; }

    public int Patches { get; init; }

    public required IReadOnlyList<Uri> UploadUrls { get; init; }

    /// <summary>The Video-Id each upload finished with (null from servers that create no videos).</summary>
    public required IReadOnlyList<string?> VideoIds { get; init; }
}
