using System.Net;
using ShortVideo.Cli.Commands;
using ShortVideo.Storage.Sqlite;
using ShortVideo.Testing;

namespace svctl.Tests.Commands;

/// <summary>svctl backup and svctl restore: the way back from a damaged metadata database, and every wrong way in.</summary>
public sealed class BackupRestoreCommandTests : IDisposable
{
    private readonly TempDirectory _dir = new("backup-restore");

    public void Dispose() => _dir.Dispose();

    private string DataDir => _dir.Combine("data");

    private string Database => MetadataFiles.PathIn(DataDir);

    [Fact]
    public async Task A_backup_restored_over_a_damaged_database_brings_every_video_back_and_keeps_the_damaged_file_aside()
    {
        var ids = await MetadataFiles.SeedAsync(DataDir);
        var backup = _dir.Combine("backups", "nightly.db");
        var (backedUp, backupOutput, backupError) = await CommandRunner.RunAsync(BackupCommand.Create(), "--data", DataDir, "--out", backup);
        Assert.Equal(0, backedUp);
        Assert.Equal(string.Empty, backupError);
        Assert.Contains($"to {backup} (2002 videos, schema version {SqliteMetadataFile.SchemaVersion}", backupOutput, StringComparison.Ordinal);
        Assert.Contains("Blobs and media are not in it", backupOutput, StringComparison.Ordinal);
        Assert.Equal("ok", MetadataFiles.QuickCheck(backup));

        MetadataFiles.OverwriteMiddlePages(DataDir);
        var damaged = await File.ReadAllBytesAsync(Database);
        var (restored, output, error) = await CommandRunner.RunAsync(RestoreCommand.Create(), "--data", DataDir, "--from", backup);

        Assert.Equal(0, restored);
        Assert.Equal(string.Empty, error);
        var kept = Directory.GetFiles(DataDir, "shortvideo.db.replaced-*").Single();
        Assert.Contains($"kept as {kept}", output, StringComparison.Ordinal);
        Assert.Equal(damaged, await File.ReadAllBytesAsync(kept));
        Assert.Empty(Directory.GetFiles(DataDir, ".shortvideo.db.restore-*"));
        await using var node = await InProcessNode.StartAsync(o => o["Node:Roles"] = "api", DataDir);
        using var client = node.Client("alice");
        foreach (var id in ids)
        {
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"api/v1/videos/{id}")).StatusCode);
        }
    }

    [Fact]
    public async Task Restore_is_refused_while_a_node_runs_on_the_data_dir_and_the_database_is_left_as_it_was()
    {
        await MetadataFiles.SeedAsync(DataDir, fillerVideos: 0);
        var backup = _dir.Combine("b.db");
        await CommandRunner.RunAsync(BackupCommand.Create(), "--data", DataDir, "--out", backup);
        await using var node = await InProcessNode.StartAsync(o => o["Node:Roles"] = "api", DataDir);
        MetadataFiles.Checkpoint(DataDir);
        var before = await File.ReadAllBytesAsync(Database);

        var (exitCode, output, error) = await CommandRunner.RunAsync(RestoreCommand.Create(), "--data", DataDir, "--from", backup);

        Assert.Equal(1, exitCode);
        Assert.Equal(string.Empty, output);
        Assert.Equal(
            $"svctl restore: Nothing was restored: a node is running on {DataDir} (it holds shortvideo.db.lock); stop it first, then restore.",
            error.TrimEnd('\n'));
        Assert.Equal(before, await File.ReadAllBytesAsync(Database));
        Assert.Empty(Directory.GetFiles(DataDir, "shortvideo.db.replaced-*"));
    }

    [Theory]
    [InlineData("missing", "does not exist.")]
    [InlineData("garbage", "is not a SQLite database: its first bytes are not the SQLite header")]
    [InlineData("empty", "is empty (0 bytes).")]
    [InlineData("foreign", "is a SQLite database, but not a ShortVideo metadata database.")]
    [InlineData("newer", "has schema version 42, newer than this version of ShortVideo knows")]
    [InlineData("damaged", "is damaged")]
    public async Task A_backup_that_is_not_a_sound_database_of_ours_is_refused_with_one_line_and_exit_2(string kind, string expected)
    {
        await MetadataFiles.SeedAsync(DataDir);
        var before = await File.ReadAllBytesAsync(Database);
        var backup = await BadBackupAsync(kind);

        var (exitCode, output, error) = await CommandRunner.RunAsync(RestoreCommand.Create(), "--data", DataDir, "--from", backup);

        Assert.Equal(2, exitCode);
        Assert.Equal(string.Empty, output);
        var line = Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith($"svctl restore: Nothing was restored: {backup} ", line, StringComparison.Ordinal);
        Assert.Contains(expected, line, StringComparison.Ordinal);
        Assert.Equal(before, await File.ReadAllBytesAsync(Database));
    }

    [Fact]
    public async Task Restore_moves_the_old_write_ahead_log_aside_so_its_transactions_are_not_replayed_onto_the_backup()
    {
        await MetadataFiles.SeedAsync(DataDir, fillerVideos: 10);
        var backup = _dir.Combine("b.db");
        await CommandRunner.RunAsync(BackupCommand.Create(), "--data", DataDir, "--out", backup);

        // A node killed with commits still in its WAL: copy the file pair while a writer holds them un-checkpointed.
        var crashed = _dir.Combine("crashed");
        Directory.CreateDirectory(crashed);
        using (var writer = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Database};Pooling=False"))
        {
            writer.Open();
            using var command = writer.CreateCommand();
            command.CommandText = "PRAGMA wal_autocheckpoint = 0; INSERT INTO videos (id, creator_id, status, sha256, size_bytes, deduplicated, created_at) VALUES ('late', 'alice', 1, 'x', 1, 0, 1);";
            command.ExecuteNonQuery();
            File.Copy(Database, MetadataFiles.PathIn(crashed));
            File.Copy(Database + "-wal", MetadataFiles.PathIn(crashed) + "-wal");
        }

        var (exitCode, _, error) = await CommandRunner.RunAsync(RestoreCommand.Create(), "--data", crashed, "--from", backup);

        Assert.Equal(0, exitCode);
        Assert.Equal(string.Empty, error);
        Assert.False(File.Exists(MetadataFiles.PathIn(crashed) + "-wal"));
        Assert.Equal(0, MetadataFiles.Scalar(MetadataFiles.PathIn(crashed), "SELECT count(*) FROM videos WHERE id = 'late';"));
        var kept = Directory.GetFiles(crashed, "shortvideo.db.replaced-*").Single(f => !f.EndsWith("-wal", StringComparison.Ordinal));
        Assert.True(File.Exists(kept + "-wal"));
        Assert.Equal(1, MetadataFiles.Scalar(kept, "SELECT count(*) FROM videos WHERE id = 'late';")); // nothing lost: it is aside
    }

    [Fact]
    public async Task Backup_refuses_to_overwrite_an_existing_file_unless_forced()
    {
        await MetadataFiles.SeedAsync(DataDir, fillerVideos: 0);
        var existing = _dir.Combine("keep.db");
        await File.WriteAllTextAsync(existing, "an older backup the operator cares about");

        var (exitCode, output, error) = await CommandRunner.RunAsync(BackupCommand.Create(), "--data", DataDir, "--out", existing);

        Assert.Equal(2, exitCode);
        Assert.Equal(string.Empty, output);
        Assert.Equal($"svctl backup: {existing} already exists; choose another name, or pass --force to overwrite it.", error.TrimEnd('\n'));
        Assert.Equal("an older backup the operator cares about", await File.ReadAllTextAsync(existing));

        var (forced, _, forcedError) = await CommandRunner.RunAsync(BackupCommand.Create(), "--data", DataDir, "--out", existing, "--force");
        Assert.Equal(0, forced);
        Assert.Equal(string.Empty, forcedError);
        Assert.Equal("ok", MetadataFiles.QuickCheck(existing));
    }

    [Theory]
    [InlineData("")]
    [InlineData("-wal")]
    [InlineData(".lock")]
    public async Task Backup_forced_onto_the_live_database_or_its_files_is_refused_as_bad_input(string suffix)
    {
        await MetadataFiles.SeedAsync(DataDir, fillerVideos: 0);
        await using var node = await InProcessNode.StartAsync(o => o["Node:Roles"] = "api", DataDir);
        var target = Database + suffix;
        var before = File.Exists(target) ? await File.ReadAllBytesAsync(target) : null;

        var (exitCode, output, error) = await CommandRunner.RunAsync(BackupCommand.Create(), "--data", DataDir, "--out", target, "--force");

        Assert.Equal(2, exitCode);
        Assert.Equal(string.Empty, output);
        Assert.Equal($"svctl backup: {target} is the metadata database itself (or one of its files); write the backup somewhere else.", error.TrimEnd('\n'));
        Assert.Equal(before, File.Exists(target) ? await File.ReadAllBytesAsync(target) : null);
        using var client = node.Client("alice");
        Assert.Equal(System.Net.HttpStatusCode.OK, (await client.GetAsync("healthz")).StatusCode);
    }

    [Fact]
    public async Task Backup_of_a_damaged_database_writes_nothing_and_says_why()
    {
        await MetadataFiles.SeedAsync(DataDir);
        MetadataFiles.OverwriteMiddlePages(DataDir);
        var destination = _dir.Combine("out", "b.db");

        var (exitCode, output, error) = await CommandRunner.RunAsync(BackupCommand.Create(), "--data", DataDir, "--out", destination);

        Assert.Equal(1, exitCode);
        Assert.Equal(string.Empty, output);
        Assert.StartsWith($"svctl backup: Nothing was backed up to {destination}: the copy of {Database} is damaged", error, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(_dir.Combine("out"), "*", SearchOption.AllDirectories)); // no partial file either
    }

    [Theory]
    [InlineData("backup", "--out", "")]
    [InlineData("restore", "--from", "")]
    public async Task A_missing_file_option_is_one_line_and_exit_2(string name, string option, string value)
    {
        var command = name == "backup" ? BackupCommand.Create() : RestoreCommand.Create();

        var (exitCode, output, error) = await CommandRunner.RunAsync(command, "--data", DataDir, option, value);

        Assert.Equal(2, exitCode);
        Assert.Equal(string.Empty, output);
        Assert.StartsWith($"svctl {name}: {option} is required, for example: svctl {name} {option} ", error, StringComparison.Ordinal);
        Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public async Task Backup_with_no_database_in_the_data_dir_exits_1_with_a_sentence()
    {
        Directory.CreateDirectory(DataDir);

        var (exitCode, _, error) = await CommandRunner.RunAsync(BackupCommand.Create(), "--data", DataDir, "--out", _dir.Combine("b.db"));

        Assert.Equal(1, exitCode);
        Assert.Equal($"svctl backup: There is no metadata database to back up: {Database} does not exist.", error.TrimEnd('\n'));
    }

    [Fact]
    public async Task Unwritable_destinations_exit_1_with_one_line()
    {
        await MetadataFiles.SeedAsync(DataDir, fillerVideos: 0);
        var backup = _dir.Combine("b.db");
        await CommandRunner.RunAsync(BackupCommand.Create(), "--data", DataDir, "--out", backup);
        var nowhere = "/sys/sv-backup-" + Guid.NewGuid().ToString("N"); // not even root may create files there

        var (backupExit, _, backupError) = await CommandRunner.RunAsync(BackupCommand.Create(), "--data", DataDir, "--out", Path.Combine(nowhere, "b.db"));
        var (restoreExit, _, restoreError) = await CommandRunner.RunAsync(RestoreCommand.Create(), "--data", nowhere, "--from", backup);

        Assert.Equal(1, backupExit);
        Assert.StartsWith("svctl backup: ", Assert.Single(backupError.Split('\n', StringSplitOptions.RemoveEmptyEntries)), StringComparison.Ordinal);
        Assert.Equal(1, restoreExit);
        Assert.StartsWith("svctl restore: ", Assert.Single(restoreError.Split('\n', StringSplitOptions.RemoveEmptyEntries)), StringComparison.Ordinal);
        Assert.Contains(nowhere, backupError + restoreError, StringComparison.Ordinal);
    }

    private async Task<string> BadBackupAsync(string kind)
    {
        var path = _dir.Combine($"{kind}.db");
        switch (kind)
        {
            case "missing":
                break;
            case "garbage":
                await File.WriteAllBytesAsync(path, TusRequests.RandomBytes(20_000, seed: 1));
                break;
            case "empty":
                await File.WriteAllBytesAsync(path, []);
                break;
            case "foreign":
                MetadataFiles.Execute(path, "CREATE TABLE notes (body TEXT); INSERT INTO notes VALUES ('hello');");
                break;
            default:
                await CommandRunner.RunAsync(BackupCommand.Create(), "--data", DataDir, "--out", path);
                if (kind == "newer")
                {
                    MetadataFiles.Execute(path, "PRAGMA user_version = 42;");
                }
                else
                {
                    var copy = _dir.Combine("copy");
                    Directory.CreateDirectory(copy);
                    File.Copy(path, MetadataFiles.PathIn(copy));
                    MetadataFiles.OverwriteMiddlePages(copy);
                    File.Copy(MetadataFiles.PathIn(copy), path, overwrite: true);
                }

                break;
        }

        return path;
    }
}
