using ShortVideo.Cli.Upload;

namespace ShortVideo.Cli.Bench;

/// <summary>
/// One <c>svctl bench upload</c>: disk ceiling, our node (or --server), optionally the tus-node peer, all in a
/// temp directory that is deleted at the end, child processes included, also on Ctrl+C.
/// </summary>
internal static class BenchUploadRun
{
    public static async Task<BenchUploadReport> RunAsync(BenchUploadSettings settings, Action<string> status, CancellationToken cancellationToken)
    {
        var sizeBytes = settings.SizeMiB * 1024 * 1024;
        var temp = Directory.CreateTempSubdirectory("svctl-bench-");
        try
        {
            var payload = BenchPayload.Create(sizeBytes, settings.Parallel);
            var probeBytes = DiskWriteProbe.ProbeBytes(sizeBytes, settings.Parallel);
            status($"measuring sequential disk writes ({ByteSize.Format(probeBytes)} + fsync)");
            var diskMBps = DiskWriteProbe.Measure(Path.Combine(temp.FullName, "disk"), probeBytes, payload.ForUpload(0), cancellationToken);

            using var http = TusUploadClient.CreateHttpClient();
            UploadWorkloadResult ours;
            int? verified = null;
            if (settings.Server is { } server)
            {
                status($"uploading {settings.Parallel} x {settings.SizeMiB} MiB to {server}");
                ours = await UploadWorkload.RunAsync(Workload(settings, server, settings.Token), payload, http, cancellationToken);
            }
            else
            {
                status("starting the svctl node");
                await using var node = await NodeUnderTest.StartAsync(Path.Combine(temp.FullName, "node"), NodeUnderTest.ApiRoleOnly, cancellationToken);
                status($"uploading {settings.Parallel} x {settings.SizeMiB} MiB to the svctl node");
                var endpoint = new Uri(node.BaseUrl, "/" + TusEndpoint.DefaultPath);
                ours = await UploadWorkload.RunAsync(Workload(settings, endpoint, node.Token), payload, http, cancellationToken);
                status("checking the SHA-256 the node recorded for every upload");
                verified = await HashVerification.VerifyAsync(http, node.BaseUrl, node.Token, ours.VideoIds, payload, cancellationToken);
            }

            UploadWorkloadResult? peer = null;
            if (settings.Peer)
            {
                status("starting the tus-node peer");
                await using var peerProcess = await TusPeerProcess.StartAsync(Path.Combine(temp.FullName, "peer"), cancellationToken);
                status($"uploading {settings.Parallel} x {settings.SizeMiB} MiB to the tus-node peer");
                peer = await UploadWorkload.RunAsync(Workload(settings, peerProcess.Endpoint, null), payload, http, cancellationToken);
            }

            return Report(settings, settings.Server?.AbsoluteUri ?? "svctl node", diskMBps, ours, peer) with { HashesVerified = verified };
        }
        finally
        {
            BenchTempDirectory.TryDelete(temp);
        }
    }

    private static UploadWorkloadOptions Workload(BenchUploadSettings settings, Uri endpoint, string? token) => new()
    {
        Endpoint = endpoint,
        Token = token,
        Parallel = settings.Parallel,
        ChunkSize = settings.ChunkSize,
        Checksums = settings.Checksums,
    };

    private static BenchUploadReport Report(
        BenchUploadSettings settings, string target, double diskMBps, UploadWorkloadResult ours, UploadWorkloadResult? peer) => new()
    {
        Target = target,
        ThroughputMBps = Round(ours.ThroughputMBps),
        PatchP50Ms = Round(ours.PatchP50Ms),
        PatchP99Ms = Round(ours.PatchP99Ms),
        Uploads = ours.UploadUrls.Count,
        Parallel = settings.Parallel,
        SizeMiB = settings.SizeMiB,
        ChunkSizeBytes = settings.ChunkSize,
        Checksums = settings.Checksums,
        Patches = ours.Patches,
        WallSeconds = Round(ours.WallSeconds, 3),
        DiskWriteMBps = Round(diskMBps),
        RatioToDisk = settings.Parallel == 1 && diskMBps > 0 ? Round(ours.ThroughputMBps / diskMBps, 3) : null,
        PeerThroughputMBps = peer is null ? null : Round(peer.ThroughputMBps),
        PeerPatchP50Ms = peer is null ? null : Round(peer.PatchP50Ms),
        PeerPatchP99Ms = peer is null ? null : Round(peer.PatchP99Ms),
        RatioToPeer = peer is { ThroughputMBps: > 0 } ? Round(ours.ThroughputMBps / peer.ThroughputMBps, 3) : null,
    };

    private static double Round(double value, int digits = 2) => Math.Round(value, digits, MidpointRounding.AwayFromZero);
}
