using System.Net;
using System.Security.Cryptography;
using System.Text;
using ShortVideo.Cli.Bench;
using ShortVideo.Cli.Upload;
using ShortVideo.Testing;
using svctl.Tests.Upload;

namespace svctl.Tests.Bench;

/// <summary>The bench's workload runner against the real tus peer. Figures are checked for sanity, never for speed.</summary>
public sealed class UploadWorkloadTests
{
    private const int MiB = 1024 * 1024;

    [Fact]
    public async Task Four_parallel_uploads_of_2_MiB_arrive_intact_with_positive_figures()
    {
        await using var peer = await TusPeerServer.StartAsync();
        var payload = BenchPayload.Create(2 * MiB, uploads: 4);
        using var http = TusUploadClient.CreateHttpClient();

        var result = await UploadWorkload.RunAsync(
            new UploadWorkloadOptions { Endpoint = peer.Endpoint, Parallel = 4, ChunkSize = 512 * 1024 },
            payload,
            http,
            CancellationToken.None);

        Assert.Equal(4, result.UploadUrls.Count);
        Assert.Equal(8L * MiB, result.TotalBytes);
        Assert.Equal(16, result.Patches);
        Assert.True(result.ThroughputMBps > 0);
        Assert.True(result.WallSeconds > 0);
        Assert.True(result.PatchP50Ms > 0);
        Assert.True(result.PatchP99Ms >= result.PatchP50Ms);
        var hashes = new HashSet<string>();
        for (var i = 0; i < 4; i++)
        {
            var expected = Convert.ToHexStringLower(SHA256.HashData(payload.ForUpload(i).Span));
            var stored = Convert.ToHexStringLower(SHA256.HashData(await File.ReadAllBytesAsync(peer.StoredFilePath(result.UploadUrls[i]))));
            Assert.Equal(expected, stored);
            hashes.Add(stored);
        }

        // Distinct content per upload, so a deduplicating server cannot skip work.
        Assert.Equal(4, hashes.Count);
    }

    [Fact]
    public async Task With_checksums_every_chunk_is_accepted_too()
    {
        await using var peer = await TusPeerServer.StartAsync();
        var payload = BenchPayload.Create(MiB, uploads: 1);
        using var http = TusUploadClient.CreateHttpClient();

        var result = await UploadWorkload.RunAsync(
            new UploadWorkloadOptions { Endpoint = peer.Endpoint, ChunkSize = 256 * 1024, Checksums = true, WarmUp = false },
            payload,
            http,
            CancellationToken.None);

        Assert.Equal(4, result.Patches);
        Assert.Equal(MiB, new FileInfo(peer.StoredFilePath(result.UploadUrls[0])).Length);
    }

    [Fact]
    public async Task A_server_that_refuses_ends_the_workload_with_a_readable_error()
    {
        await using var peer = await TusPeerServer.StartAsync();
        var payload = BenchPayload.Create(MiB, uploads: 1);
        using var handler = new RecordingHandler
        {
            Intercept = (_, _) => new HttpResponseMessage(HttpStatusCode.Forbidden)
            {
                Content = new StringContent("""{"title":"Forbidden","detail":"uploads are closed"}""", Encoding.UTF8, "application/problem+json"),
            },
        };
        using var http = handler.CreateClient();

        var failure = await Assert.ThrowsAsync<BenchException>(() => UploadWorkload.RunAsync(
            new UploadWorkloadOptions { Endpoint = peer.Endpoint }, payload, http, CancellationToken.None));

        Assert.Equal($"the upload workload against {peer.Endpoint} failed: POST answered 403 Forbidden: uploads are closed", failure.Message);
    }

    [Theory]
    [InlineData(50, 5.0)]
    [InlineData(99, 10.0)]
    [InlineData(10, 1.0)]
    [InlineData(100, 10.0)]
    public void Percentiles_use_the_nearest_rank(double percentile, double expected)
    {
        double[] sorted = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];

        Assert.Equal(expected, Percentiles.NearestRank(sorted, percentile));
    }

    [Fact]
    public void The_disk_probe_writes_at_least_the_workload_up_to_256_MiB()
    {
        Assert.Equal(8L * MiB, DiskWriteProbe.ProbeBytes(2 * MiB, 4));
        Assert.Equal(256L * MiB, DiskWriteProbe.ProbeBytes(64 * MiB, 8));
        Assert.Equal(300L * MiB, DiskWriteProbe.ProbeBytes(300 * MiB, 1));
    }

    [Fact]
    public void The_disk_probe_measures_a_positive_speed_and_leaves_no_file()
    {
        var directory = Directory.CreateTempSubdirectory("svctl-disk-probe-test-");
        try
        {
            var payload = BenchPayload.Create(MiB, 1);

            var speed = DiskWriteProbe.Measure(directory.FullName, 3 * MiB, payload.ForUpload(0), CancellationToken.None);

            Assert.True(speed > 0);
            Assert.Empty(directory.GetFiles());
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }
}
