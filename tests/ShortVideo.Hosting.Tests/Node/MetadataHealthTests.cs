using System.Net;
using System.Text.Json;
using ShortVideo.Hosting.Node;
using ShortVideo.Storage.Sqlite;
using ShortVideo.Testing;

namespace ShortVideo.Hosting.Tests.Node;

/// <summary>/healthz (liveness) and /readyz (readiness) follow a metadata database that goes bad while the node runs.</summary>
public sealed class MetadataHealthTests : IDisposable
{
    private readonly TempDirectory _dir = new("metadata-health");

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task Healthz_and_readyz_answer_200_healthy_on_a_sound_node_without_a_token()
    {
        await using var node = await InProcessNode.StartAsync(dataDir: _dir.Path);
        using var anonymous = node.Client(user: null);

        foreach (var path in new[] { "healthz", "readyz" })
        {
            using var response = await anonymous.GetAsync(path);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
        }
    }

    [Fact]
    public async Task A_database_overwritten_with_garbage_under_a_running_node_turns_both_probes_503_with_a_sentence()
    {
        await MetadataFiles.SeedAsync(_dir.Path, fillerVideos: 0);
        await using var node = await StartAsync();
        using var client = node.Client(user: null);

        await File.WriteAllBytesAsync(MetadataFiles.PathIn(_dir.Path), TusRequests.RandomBytes(64 * 1024, seed: 11));

        foreach (var path in new[] { "healthz", "readyz" })
        {
            var detail = await UnhealthyAsync(client, path);
            Assert.Contains("is not a SQLite database", detail, StringComparison.Ordinal);
            Assert.Contains("svctl restore", detail, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_database_deleted_under_a_running_node_turns_healthz_503_and_does_not_come_back_empty()
    {
        await MetadataFiles.SeedAsync(_dir.Path, fillerVideos: 0);
        await using var node = await StartAsync();
        using var client = node.Client(user: null);

        File.Delete(MetadataFiles.PathIn(_dir.Path));

        var detail = await UnhealthyAsync(client, "healthz");
        Assert.Contains("has disappeared while the node runs", detail, StringComparison.Ordinal);
        using var alice = node.Client("alice");
        await alice.GetAsync("api/v1/videos/unknown");
        await UnhealthyAsync(client, "readyz");
        Assert.False(File.Exists(MetadataFiles.PathIn(_dir.Path))); // never recreated as a fresh, empty catalog
    }

    [Fact]
    public async Task A_database_truncated_to_nothing_under_a_running_node_turns_healthz_503()
    {
        await MetadataFiles.SeedAsync(_dir.Path, fillerVideos: 0);
        await using var node = await StartAsync();
        using var client = node.Client(user: null);

        await File.WriteAllBytesAsync(MetadataFiles.PathIn(_dir.Path), []);

        Assert.Contains("is empty (0 bytes)", await UnhealthyAsync(client, "healthz"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Garbage_in_a_few_table_pages_is_found_by_the_periodic_quick_check_and_turns_both_probes_503()
    {
        await MetadataFiles.SeedAsync(_dir.Path);
        await using var node = await StartAsync(TimeSpan.FromMilliseconds(200));
        using var client = node.Client(user: null);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("healthz")).StatusCode);

        MetadataFiles.OverwriteMiddlePages(_dir.Path);

        var detail = await UnhealthyAsync(client, "healthz");
        Assert.Contains("is damaged", detail, StringComparison.Ordinal);
        Assert.Contains("Stop the node and restore a backup: svctl restore", detail, StringComparison.Ordinal);
        Assert.Contains("is damaged", await UnhealthyAsync(client, "readyz"), StringComparison.Ordinal);
    }

    [Fact]
    public void A_node_does_not_start_while_a_restore_holds_the_data_directory()
    {
        using var restore = DataDirectoryLock.TryAcquire(_dir.Path, exclusive: true);
        Assert.NotNull(restore);

        var options = new NodeStartOptions { DataDir = _dir.Path, Urls = "http://127.0.0.1:0", ContentRoot = _dir.Path };
        var refused = Assert.Throws<MetadataDatabaseException>(() => ShortVideoNode.Build(options));

        Assert.Equal(MetadataFileState.InUse, refused.State);
        Assert.Contains("svctl restore is replacing the metadata database", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Two_nodes_share_a_data_directory_but_a_restore_cannot_take_it_from_them()
    {
        await using var api = await InProcessNode.StartAsync(o => o["Node:Roles"] = "api", _dir.Path);
        await using var media = await InProcessNode.StartAsync(o => o["Node:Roles"] = "media", _dir.Path);

        Assert.Null(DataDirectoryLock.TryAcquire(_dir.Path, exclusive: true));
    }

    private Task<InProcessNode> StartAsync(TimeSpan? deepCheckInterval = null) =>
        InProcessNode.StartAsync(
            o =>
            {
                o["Node:Roles"] = "api";
                o["Metadata:IntegrityCheckInterval"] = (deepCheckInterval ?? TimeSpan.FromHours(1)).ToString();
            },
            _dir.Path);

    /// <summary>Polls until the probe answers 503 (a deep check runs on a timer); returns the problem's detail.</summary>
    private static async Task<string> UnhealthyAsync(HttpClient client, string path)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (true)
        {
            using var response = await client.GetAsync(path);
            if (response.StatusCode == HttpStatusCode.ServiceUnavailable)
            {
                Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
                using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
                return problem.RootElement.GetProperty("detail").GetString()!;
            }

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.True(DateTime.UtcNow < deadline, $"/{path} still answers 200");
            await Task.Delay(100);
        }
    }
}
