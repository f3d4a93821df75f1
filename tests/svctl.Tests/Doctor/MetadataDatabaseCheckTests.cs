using ShortVideo.Cli.Doctor;
using ShortVideo.Cli.Doctor.Checks;
using ShortVideo.Storage.Sqlite;
using ShortVideo.Testing;

namespace svctl.Tests.Doctor;

/// <summary>svctl doctor runs the node's own start-up check on the data directory's database.</summary>
public sealed class MetadataDatabaseCheckTests : IDisposable
{
    private readonly TempDirectory _dir = new("doctor-metadata");

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task A_sound_database_is_ok_with_its_schema_version_and_video_count()
    {
        await MetadataFiles.SeedAsync(_dir.Path, fillerVideos: 10);

        var result = await new MetadataDatabaseCheck(_dir.Path, null).RunAsync(CancellationToken.None);

        Assert.Equal(CheckStatus.Ok, result.Status);
        Assert.Equal($"{MetadataFiles.PathIn(_dir.Path)} passes quick_check (schema version {SqliteMetadataFile.SchemaVersion}, 12 videos).", result.Detail);
    }

    [Fact]
    public async Task A_brand_new_data_dir_is_ok_and_says_a_node_creates_the_database()
    {
        var result = await new MetadataDatabaseCheck(_dir.Path, null).RunAsync(CancellationToken.None);

        Assert.Equal(CheckStatus.Ok, result.Status);
        Assert.Equal($"{_dir.Path} has no metadata yet; a node creates shortvideo.db when it first starts.", result.Detail);
        Assert.False(File.Exists(MetadataFiles.PathIn(_dir.Path)));
    }

    [Fact]
    public async Task A_damaged_database_fails_with_the_sentence_the_node_would_refuse_with()
    {
        await MetadataFiles.SeedAsync(_dir.Path);
        MetadataFiles.OverwriteMiddlePages(_dir.Path);

        var result = await new MetadataDatabaseCheck(_dir.Path, null).RunAsync(CancellationToken.None);

        Assert.Equal(CheckStatus.Fail, result.Status);
        Assert.StartsWith($"{MetadataFiles.PathIn(_dir.Path)} is damaged", result.Detail, StringComparison.Ordinal);
        Assert.EndsWith($"a node does not start on it. Restore a backup: svctl restore --data {_dir.Path} --from BACKUP.", result.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task On_postgres_the_data_dirs_sqlite_file_is_not_checked_even_when_damaged_and_the_row_points_to_postgres()
    {
        await MetadataFiles.SeedAsync(_dir.Path);
        MetadataFiles.OverwriteMiddlePages(_dir.Path);

        var result = await new MetadataDatabaseCheck(_dir.Path, null, "Postgres").RunAsync(CancellationToken.None);

        Assert.Equal(CheckStatus.Skipped, result.Status);
        Assert.Equal("Metadata:Provider is Postgres: the metadata lives in PostgreSQL (see the postgres row), not in shortvideo.db.", result.Detail);
    }

    [Fact]
    public async Task A_database_missing_beside_blobs_in_a_separate_storage_root_fails()
    {
        var storage = _dir.Combine("storage", "blobs", "ab", "cd");
        Directory.CreateDirectory(storage);
        await File.WriteAllTextAsync(Path.Combine(storage, "abcd"), "bytes");
        var data = _dir.Combine("data");

        var result = await new MetadataDatabaseCheck(data, _dir.Combine("storage")).RunAsync(CancellationToken.None);

        Assert.Equal(CheckStatus.Fail, result.Status);
        Assert.Contains($"yet {_dir.Combine("storage", "blobs")} holds files", result.Detail, StringComparison.Ordinal);
    }
}
