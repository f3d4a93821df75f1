using System.Diagnostics;
using ShortVideo.Cli.Upload;

namespace ShortVideo.Cli.Bench;

/// <summary>
/// One clip through a node for <c>svctl bench pipeline</c>: uploaded over tus, all of it but the last bytes untimed,
/// then the clock runs from the completing PATCH until <c>GET /api/v1/videos/{id}</c> says <c>ready</c>.
/// </summary>
internal static class PipelineUpload
{
    /// <summary>
    /// How often the video is asked for while it is processed: the figure is late by half of it on average. Finer
    /// polling costs the node CPU that the transcode on a small machine needs (each GET is a request, a token check
    /// and a catalog read); 50 ms is under 0.5% of a 15 s clip's processing time.
    /// </summary>
    public static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(50);

    // The completing PATCH carries this much, so its own transfer is negligible and the clock measures what the
    // node does once the last byte is in: hashing the tail, storing the blob, the video record, the job, the media.
    private const int FinalChunkBytes = 64 * 1024;
    private const int ChunkBytes = 8 * 1024 * 1024;

    /// <summary>
    /// Uploads <paramref name="path"/> and waits for its video to be ready; returns the times measured, with the CPU
    /// time <paramref name="cpuSeconds"/> (the node's, read at both ends) counted over the same span.
    /// </summary>
    public static async Task<PipelineTiming> RunAsync(
        HttpClient http, Uri baseUrl, string token, string path, Func<double?> cpuSeconds, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var tus = new TusConnection(http, token);
        try
        {
            await using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
            var length = file.Length;
            var created = await tus.CreateAsync(new Uri(baseUrl, "/" + TusEndpoint.DefaultPath), length, UploadMetadata.Build(Path.GetFileName(path), null), cancellationToken);
            var buffer = new byte[(int)Math.Min(ChunkBytes, length)];
            var untimed = Math.Max(0, length - FinalChunkBytes);
            long offset = 0;
            while (offset < untimed)
            {
                offset = await PatchAsync(tus, created.UploadUrl, file, buffer, offset, (int)Math.Min(ChunkBytes, untimed - offset), cancellationToken);
            }

            var cpuBefore = cpuSeconds();
            var clock = Stopwatch.StartNew();
            var completed = await tus.PatchAsync(created.UploadUrl, offset, await ReadAsync(file, buffer, (int)(length - offset), cancellationToken), null, cancellationToken);
            var completeSeconds = clock.Elapsed.TotalSeconds;
            var videoId = completed.VideoId ?? created.VideoId
                ?? throw new BenchException("the node completed the upload without a Video-Id header");
            await WaitReadyAsync(http, baseUrl, token, videoId, clock, timeout, cancellationToken);
            var seconds = clock.Elapsed.TotalSeconds;
            return new PipelineTiming(videoId, seconds, completeSeconds, cpuSeconds() - cpuBefore);
        }
        catch (Exception ex) when (ex is TusHttpException or TusProtocolException or HttpRequestException)
        {
            throw new BenchException($"uploading {Path.GetFileName(path)} to the node failed: {ex.Message}", ex);
        }
    }

    private static async Task<long> PatchAsync(TusConnection tus, Uri upload, FileStream file, byte[] buffer, long offset, int count, CancellationToken cancellationToken)
    {
        var result = await tus.PatchAsync(upload, offset, await ReadAsync(file, buffer, count, cancellationToken), null, cancellationToken);
        if (result.Offset != offset + count)
        {
            throw new BenchException($"the node moved the upload from offset {offset} to {result.Offset}, not {offset + count}");
        }

        return result.Offset;
    }

    private static async Task<ReadOnlyMemory<byte>> ReadAsync(FileStream file, byte[] buffer, int count, CancellationToken cancellationToken)
    {
        await file.ReadExactlyAsync(buffer.AsMemory(0, count), cancellationToken);
        return buffer.AsMemory(0, count);
    }

    private static async Task WaitReadyAsync(
        HttpClient http, Uri baseUrl, string token, string videoId, Stopwatch clock, TimeSpan timeout, CancellationToken cancellationToken)
    {
        while (true)
        {
            using (var json = await NodeVideo.GetAsync(http, baseUrl, token, videoId, cancellationToken))
            {
                switch (json.RootElement.TryGetProperty("status", out var status) ? status.GetString() : null)
                {
                    case "ready":
                        return;
                    case "failed":
                        var error = json.RootElement.TryGetProperty("error", out var e) ? e.GetString() : null;
                        throw new BenchException($"the node failed video {videoId}: {error ?? "no reason given"}");
                }
            }

            if (clock.Elapsed > timeout)
            {
                throw new BenchException($"video {videoId} was not ready within {timeout.TotalMinutes:0} minutes");
            }

            await Task.Delay(PollInterval, cancellationToken);
        }
    }
}

/// <summary>One clip through the node: from the completing PATCH to <c>ready</c>, the PATCH's own share, and the CPU time used meanwhile.</summary>
internal sealed record PipelineTiming(string VideoId, double Seconds, double CompletingPatchSeconds, double? CpuSeconds);
