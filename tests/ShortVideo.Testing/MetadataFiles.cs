using System.Globalization;
using Microsoft.Data.Sqlite;

namespace ShortVideo.Testing;

/// <summary>
/// Builds a data directory with real metadata (videos uploaded through a node, blobs on disk) and damages its
/// SQLite database the ways disks and operators do: zeroed, deleted, pages overwritten, cut short.
/// </summary>
public static class MetadataFiles
{
    public const int PageSize = 4096;

    public static string PathIn(string dataDir) => Path.Combine(dataDir, "shortvideo.db");

    /// <summary>
    /// Uploads <paramref name="uploads"/> small files through an api node (blobs land on disk), stops it, then adds
    /// <paramref name="fillerVideos"/> video rows so the file spans a few hundred pages, all checkpointed into the
    /// file. Returns the uploaded video ids.
    /// </summary>
    public static async Task<IReadOnlyList<string>> SeedAsync(string dataDir, int uploads = 2, int fillerVideos = 2000)
    {
        var ids = new List<string>();
        Directory.CreateDirectory(dataDir);
        await using (var node = await InProcessNode.StartAsync(o => o["Node:Roles"] = "api", dataDir))
        {
            using var client = node.Client("alice");
            for (var i = 0; i < uploads; i++)
            {
                ids.Add(await TusRequests.UploadAsync(client, TusRequests.RandomBytes(4096 + i, seed: 900 + i)));
            }
        }

        SqliteConnection.ClearAllPools();
        Execute(PathIn(dataDir), string.Create(CultureInfo.InvariantCulture, $"""
            WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n WHERE x < {fillerVideos})
            INSERT INTO videos (id, creator_id, status, sha256, size_bytes, deduplicated, caption, created_at)
            SELECT 'filler' || x, 'bob', 1, printf('%064d', x), 1, 0, 'a caption long enough to fill pages #' || x, x FROM n;
            """));
        Checkpoint(dataDir);
        return ids;
    }

    /// <summary>Moves everything in the write-ahead log into the database file, so damage to the file is what readers see.</summary>
    public static void Checkpoint(string dataDir) => Execute(PathIn(dataDir), "PRAGMA wal_checkpoint(TRUNCATE);");

    /// <summary>Overwrites <paramref name="pages"/> pages in the middle of the file with random bytes (page 1 stays intact).</summary>
    public static void OverwriteMiddlePages(string dataDir, int pages = 4, int seed = 7)
    {
        var path = PathIn(dataDir);
        var length = new FileInfo(path).Length;
        using var file = new FileStream(path, FileMode.Open, FileAccess.Write, FileShare.ReadWrite);
        file.Position = (length / PageSize / 2) * PageSize;
        file.Write(TusRequests.RandomBytes(pages * PageSize, seed));
        file.Flush(flushToDisk: true);
    }

    /// <summary>Cuts the file to <paramref name="keep"/> of its length, as a copy interrupted half-way would.</summary>
    public static void Cut(string dataDir, double keep = 0.5)
    {
        var path = PathIn(dataDir);
        using var file = new FileStream(path, FileMode.Open, FileAccess.Write, FileShare.ReadWrite);
        file.SetLength((long)(file.Length * keep));
    }

    public static void Execute(string databasePath, string sql)
    {
        using var connection = new SqliteConnection($"Data Source={databasePath};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    public static long Scalar(string databasePath, string sql)
    {
        using var connection = new SqliteConnection($"Data Source={databasePath};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    public static string QuickCheck(string databasePath)
    {
        using var connection = new SqliteConnection($"Data Source={databasePath};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA quick_check;";
        return Convert.ToString(command.ExecuteScalar(), CultureInfo.InvariantCulture)!;
    }
}
