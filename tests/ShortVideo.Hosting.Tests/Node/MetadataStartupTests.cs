using System.Net;
using ShortVideo.Hosting.Node;
using ShortVideo.Storage.Sqlite;
using ShortVideo.Testing;

namespace ShortVideo.Hosting.Tests.Node;

/// <summary>A node checks its metadata database before it starts, and refuses one it must not run on with one sentence.</summary>
public sealed class MetadataStartupTests : IDisposable
{
    private readonly TempDirectory _dir = new("metadata-start");

    public void Dispose() => _dir.Dispose();

    private string Database => MetadataFiles.PathIn(_dir.Path);

    [Fact]
    public async Task A_zero_byte_database_beside_stored_blobs_stops_the_node_with_a_sentence_naming_svctl_restore()
    {
        await MetadataFiles.SeedAsync(_dir.Path);
        await File.WriteAllBytesAsync(Database, []);

        var refused = Refused();

        Assert.Equal(MetadataFileState.Empty, refused.State);
        Assert.Contains("is empty (0 bytes)", refused.Message, StringComparison.Ordinal);
        Assert.Contains(Path.Combine(_dir.Path, "blobs"), refused.Message, StringComparison.Ordinal);
        Assert.Contains($"svctl restore --data {_dir.Path} --from", refused.Message, StringComparison.Ordinal);
        Assert.Equal(0, new FileInfo(Database).Length); // not initialised over
    }

    [Fact]
    public async Task A_deleted_database_beside_stored_blobs_stops_the_node_instead_of_starting_with_an_empty_catalog()
    {
        await MetadataFiles.SeedAsync(_dir.Path);
        File.Delete(Database);

        var refused = Refused();

        Assert.Equal(MetadataFileState.Missing, refused.State);
        Assert.Contains("does not exist", refused.Message, StringComparison.Ordinal);
        Assert.Contains("svctl restore", refused.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(Database));
    }

    [Theory]
    [InlineData("garbage in a few pages")]
    [InlineData("cut in half")]
    public async Task A_database_with_garbage_pages_or_cut_short_stops_the_node_as_damaged(string damage)
    {
        await MetadataFiles.SeedAsync(_dir.Path);
        if (damage == "cut in half")
        {
            MetadataFiles.Cut(_dir.Path);
        }
        else
        {
            MetadataFiles.OverwriteMiddlePages(_dir.Path);
        }

        var refused = Refused();

        Assert.Equal(MetadataFileState.Damaged, refused.State);
        Assert.StartsWith($"{Database} is damaged", refused.Message, StringComparison.Ordinal);
        Assert.Contains("svctl restore", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_database_from_a_newer_schema_stops_the_node_with_both_versions_in_the_sentence()
    {
        await MetadataFiles.SeedAsync(_dir.Path, fillerVideos: 0);
        MetadataFiles.Execute(Database, "PRAGMA user_version = 99;");

        var refused = Refused();

        Assert.Equal(MetadataFileState.Newer, refused.State);
        Assert.Contains("schema version 99", refused.Message, StringComparison.Ordinal);
        Assert.Contains($"({SqliteMetadataFile.SchemaVersion})", refused.Message, StringComparison.Ordinal);
        Assert.Equal(99, MetadataFiles.Scalar(Database, "PRAGMA user_version;")); // never migrated "down"
    }

    [Fact]
    public async Task A_file_that_is_not_sqlite_is_never_initialised_over_even_in_an_otherwise_empty_data_dir()
    {
        var bytes = TusRequests.RandomBytes(5000, seed: 3);
        await File.WriteAllBytesAsync(Database, bytes);

        var refused = Refused();

        Assert.Equal(MetadataFileState.NotDatabase, refused.State);
        Assert.Equal(bytes, await File.ReadAllBytesAsync(Database));
    }

    [Fact]
    public async Task A_brand_new_data_dir_with_empty_storage_folders_and_a_dev_key_initialises_normally()
    {
        Directory.CreateDirectory(Path.Combine(_dir.Path, "blobs"));
        Directory.CreateDirectory(Path.Combine(_dir.Path, "keys"));
        await File.WriteAllBytesAsync(Database, []); // an empty file, as `touch` leaves, with nothing stored beside it

        await using var node = await InProcessNode.StartAsync(dataDir: _dir.Path);
        using var client = node.Client("alice");
        var id = await TusRequests.UploadAsync(client, TusRequests.RandomBytes(1000, seed: 5));

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"api/v1/videos/{id}")).StatusCode);
    }

    [Fact]
    public async Task A_node_restarted_on_its_own_database_keeps_every_video()
    {
        var ids = await MetadataFiles.SeedAsync(_dir.Path);

        await using var node = await InProcessNode.StartAsync(o => o["Node:Roles"] = "api", _dir.Path);
        using var client = node.Client("alice");

        foreach (var id in ids)
        {
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"api/v1/videos/{id}")).StatusCode);
        }
    }

    private MetadataDatabaseException Refused()
    {
        var options = new NodeStartOptions { DataDir = _dir.Path, Urls = "http://127.0.0.1:0", ContentRoot = _dir.Path };
        options.Overrides["Logging:LogLevel:Default"] = "Warning";
        return Assert.Throws<MetadataDatabaseException>(() => ShortVideoNode.Build(options));
    }
}
