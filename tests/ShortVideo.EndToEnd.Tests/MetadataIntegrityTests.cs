using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using ShortVideo.Storage.Sqlite;
using ShortVideo.Testing;

namespace ShortVideo.EndToEnd.Tests;

/// <summary>
/// The metadata database as an operator meets it: `svctl up` refusing a damaged one in one line, `svctl backup`
/// while a node writes, `svctl restore`, and kill -9 in the middle of metadata writes.
/// </summary>
public sealed class MetadataIntegrityTests : IDisposable
{
    private readonly TempDirectory _dir = new("metadata-e2e");

    public void Dispose() => _dir.Dispose();

    private string DataDir => _dir.Combine("data");

    [Theory]
    [InlineData("zeroed")]
    [InlineData("garbage")]
    [InlineData("cut")]
    [InlineData("newer")]
    public async Task Up_on_a_damaged_database_exits_non_zero_with_one_line_and_no_stack_trace(string damage)
    {
        await MetadataFiles.SeedAsync(DataDir);
        var database = MetadataFiles.PathIn(DataDir);
        switch (damage)
        {
            case "zeroed":
                await File.WriteAllBytesAsync(database, []);
                break;
            case "garbage":
                MetadataFiles.OverwriteMiddlePages(DataDir);
                break;
            case "cut":
                MetadataFiles.Cut(DataDir);
                break;
            default:
                MetadataFiles.Execute(database, "PRAGMA user_version = 77;");
                break;
        }

        var result = await SvctlProcess.RunAsync(["up", "--data", DataDir, "--urls", $"http://127.0.0.1:{FreePort.Next()}"], timeout: TimeSpan.FromSeconds(60));

        Assert.NotEqual(0, result.ExitCode);
        var line = Assert.Single(result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith($"svctl up: {database} ", line, StringComparison.Ordinal);
        Assert.Contains(damage == "newer" ? "schema version 77" : $"svctl restore --data {DataDir} --from BACKUP.", line, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Stdout + result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", result.Stdout + result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("ready", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Backups_taken_while_a_node_completes_uploads_pass_quick_check_hold_a_consistent_set_and_restore()
    {
        var api = new Dictionary<string, string?>
        {
            ["SV_Node__Roles"] = "api",

            // Four writers upload as fast as they can: the creation rate limit would otherwise stop them after a burst.
            ["SV_Uploads__RateLimit__PermitLimit"] = "1000000",
        };
        var node = await NodeProcess.StartAsync(DataDir, environment: api);
        var token = (await node.TokenAsync("alice")).LastLine;
        var acknowledged = new ConcurrentBag<string>();
        using var stop = new CancellationTokenSource();
        var writers = Enumerable.Range(0, 4).Select(w => UploadUntilStoppedAsync(node.BaseAddress, token, w, acknowledged, stop.Token)).ToArray();

        var backups = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            await Task.Delay(700);
            var backup = _dir.Combine("backups", $"b{i}.db");
            var result = await SvctlProcess.RunAsync(["backup", "--data", DataDir, "--out", backup]);
            Assert.True(result.ExitCode == 0, result.Stderr);
            backups.Add(backup);
        }

        await stop.CancelAsync();
        await Task.WhenAll(writers);
        Assert.Equal(0, await node.TerminateAsync(TimeSpan.FromSeconds(40)));
        await node.DisposeAsync();

        long previous = 0;
        foreach (var backup in backups)
        {
            Assert.Equal("ok", MetadataFiles.QuickCheck(backup));
            Assert.True(SqliteMetadataFile.Check(backup).IsUsable);

            // Uploads finish in steps (video row, transcode job, then the upload marked complete), each its own commit:
            // a snapshot between commits has every finished upload's video and job, and every video its upload.
            Assert.Equal(0, MetadataFiles.Scalar(backup, """
                SELECT count(*) FROM uploads u WHERE u.completed_at IS NOT NULL AND u.video_id IS NOT NULL
                AND (NOT EXISTS (SELECT 1 FROM videos v WHERE v.id = u.video_id)
                     OR NOT EXISTS (SELECT 1 FROM jobs j WHERE j.kind = 'transcode' AND j.key = u.video_id));
                """));
            Assert.Equal(0, MetadataFiles.Scalar(backup, """
                SELECT count(*) FROM videos v WHERE NOT EXISTS
                (SELECT 1 FROM uploads u WHERE u.id = v.upload_id AND u.video_id = v.id AND u.sha256 = v.sha256);
                """));
            var videos = MetadataFiles.Scalar(backup, "SELECT count(*) FROM videos;");
            Assert.True(videos > previous, $"{backup} has {videos} videos, the one before {previous}");
            previous = videos;
        }

        Assert.True(acknowledged.Count > previous, "uploads went on after the last backup");
        var restore = await SvctlProcess.RunAsync(["restore", "--data", DataDir, "--from", backups[^1]]);
        Assert.True(restore.ExitCode == 0, restore.Stderr);
        await using var restored = await NodeProcess.StartAsync(DataDir, environment: api);
        using var client = Client(restored.BaseAddress, token);
        var inBackup = acknowledged.Count(id => MetadataFiles.Scalar(backups[^1], $"SELECT count(*) FROM videos WHERE id = '{id}';") == 1);
        Assert.Equal(previous, inBackup);
        foreach (var id in acknowledged)
        {
            var expected = MetadataFiles.Scalar(backups[^1], $"SELECT count(*) FROM videos WHERE id = '{id}';") == 1 ? HttpStatusCode.OK : HttpStatusCode.NotFound;
            using var response = await client.GetAsync($"api/v1/videos/{id}");
            Assert.Equal(expected, response.StatusCode);
        }
    }

    [Fact]
    public async Task A_node_killed_with_kill_9_while_writing_metadata_restarts_every_time_and_keeps_every_acknowledged_video()
    {
        var api = new Dictionary<string, string?>
        {
            ["SV_Node__Roles"] = "api",

            // Four writers upload as fast as they can: the creation rate limit would otherwise stop them after a burst.
            ["SV_Uploads__RateLimit__PermitLimit"] = "1000000",
        };
        var acknowledged = new ConcurrentBag<string>();
        var random = new Random(17);
        string? token = null;
        for (var round = 0; round < 3; round++)
        {
            // Every restart after a kill must pass the start-up check: NodeProcess waits for /healthz 200.
            var node = await NodeProcess.StartAsync(DataDir, environment: api);
            token ??= (await node.TokenAsync("alice")).LastLine;
            using var stop = new CancellationTokenSource();
            var writers = Enumerable.Range(0, 4).Select(w => UploadUntilStoppedAsync(node.BaseAddress, token, (round * 10) + w, acknowledged, stop.Token)).ToArray();
            await Task.Delay(random.Next(300, 900));
            await node.KillAsync();
            await stop.CancelAsync();
            await Task.WhenAll(writers);
            await node.DisposeAsync();
        }

        await using var final = await NodeProcess.StartAsync(DataDir, environment: api);
        Assert.NotEmpty(acknowledged);
        using var client = Client(final.BaseAddress, token!);
        foreach (var id in acknowledged)
        {
            using var response = await client.GetAsync($"api/v1/videos/{id}");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        Assert.Equal(MetadataFileState.Ok, SqliteMetadataFile.CheckDataDirectory(DataDir).State);
    }

    /// <summary>Small uploads one after another until stopped or the node dies; collects the ids the node acknowledged.</summary>
    private static async Task UploadUntilStoppedAsync(Uri node, string token, int writer, ConcurrentBag<string> acknowledged, CancellationToken stop)
    {
        using var client = Client(node, token);
        for (var i = 0; !stop.IsCancellationRequested; i++)
        {
            try
            {
                acknowledged.Add(await TusRequests.UploadAsync(client, TusRequests.RandomBytes(2048, seed: (writer * 100_000) + i)));
            }
            catch (HttpRequestException)
            {
                return; // the node was killed under this request
            }
            catch (TaskCanceledException)
            {
                return;
            }
        }
    }

    private static HttpClient Client(Uri node, string token)
    {
        var client = new HttpClient { BaseAddress = node, Timeout = TimeSpan.FromSeconds(30) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }
}
