namespace ShortVideo.Storage.Sqlite;

/// <summary>
/// The embedded metadata database, <c>{DataDir}/shortvideo.db</c>: the checks a node runs on it before it starts
/// (also what <c>svctl doctor</c> reports), and its online backup and restore (<c>svctl backup</c>, <c>svctl restore</c>).
/// Blobs, uploads and media are plain files beside it and are not part of a backup.
/// </summary>
public static partial class SqliteMetadataFile
{
    /// <summary>File name of the database inside the data directory.</summary>
    public const string FileName = "shortvideo.db";

    /// <summary>The schema version this version of ShortVideo writes (PRAGMA user_version); a newer file is refused.</summary>
    public static int SchemaVersion => SqliteSchema.Migrations.Length;

    /// <summary>The database path of a data directory.</summary>
    public static string PathIn(string dataDirectory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(dataDirectory);
        return Path.Combine(Path.GetFullPath(dataDirectory), FileName);
    }

    /// <summary>
    /// Checks any file as a restore would (a backup): SQLite header, a ShortVideo metadata database, schema version
    /// not newer than <see cref="SchemaVersion"/>, PRAGMA quick_check; counts its videos. Opens it read-only.
    /// </summary>
    public static MetadataFileReport Check(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        return SqliteFileInspector.Inspect(path, readOnly: true, countVideos: true);
    }

    /// <summary>
    /// Checks the database of a data directory exactly as a node does before it starts, and says what the node will
    /// do: <see cref="MetadataFileState.New"/> for a brand-new directory (the node creates the database);
    /// <see cref="MetadataFileState.Missing"/> or <see cref="MetadataFileState.Empty"/> when the database is gone but
    /// blobs, media or uploads remain (the node refuses, rather than start with a catalog that forgot them); any
    /// other state but <see cref="MetadataFileState.Ok"/> is refused too. Every refusal's sentence names
    /// <c>svctl restore</c>. Safe while a node runs; never creates the database.
    /// </summary>
    /// <param name="dataDirectory">The node's DataDir.</param>
    /// <param name="storageRoot">Storage:FileSystem:Root when it is set apart from the data directory.</param>
    public static MetadataFileReport CheckDataDirectory(string dataDirectory, string? storageRoot = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(dataDirectory);
        var root = Path.GetFullPath(dataDirectory);
        return CheckDataDirectory(root, StorageRoots(root, storageRoot), countVideos: true);
    }

    /// <summary>The data directory, and the filesystem storage root when it is elsewhere.</summary>
    internal static string[] StorageRoots(string dataDirectory, string? storageRoot) =>
        storageRoot is null || Path.GetFullPath(storageRoot) == dataDirectory ? [dataDirectory] : [dataDirectory, Path.GetFullPath(storageRoot)];

    internal static MetadataFileReport CheckDataDirectory(string dataDirectory, IReadOnlyList<string> storageRoots, bool countVideos)
    {
        var path = Path.Combine(dataDirectory, FileName);

        // Read-write (never create): a node killed mid-write leaves a hot WAL that only a writer may recover.
        var report = SqliteFileInspector.Inspect(path, readOnly: false, countVideos);
        switch (report.State)
        {
            case MetadataFileState.Ok or MetadataFileState.Newer:
                return report;
            case MetadataFileState.Missing or MetadataFileState.Empty:
                var holder = FindStoredData(storageRoots, path);
                if (holder is null)
                {
                    return report with { State = MetadataFileState.New, Sentence = $"{dataDirectory} has no metadata yet; a node creates {FileName} when it first starts." };
                }

                return report with
                {
                    Sentence = $"{Clause(report.Sentence)}, yet {holder} holds files: a node does not start with an empty catalog that would forget them. {RestoreHint(dataDirectory)}",
                };
            default:
                return report with { Sentence = $"{Clause(report.Sentence)}; a node does not start on it. {RestoreHint(dataDirectory)}" };
        }
    }

    internal static string RestoreHint(string dataDirectory) =>
        $"Restore a backup: svctl restore --data {dataDirectory} --from BACKUP.";

    /// <summary>A sentence without its final period, to continue it.</summary>
    internal static string Clause(string sentence) => sentence.EndsWith('.') ? sentence[..^1] : sentence;

    /// <summary>
    /// The first place that proves the node stored something: a file in blobs/, media/ or uploads/ (hidden probe
    /// files aside), or a write-ahead log left without its database. Null for a brand-new data directory.
    /// </summary>
    private static string? FindStoredData(IReadOnlyList<string> storageRoots, string databasePath)
    {
        var wal = new FileInfo(databasePath + "-wal");
        if (wal.Exists && wal.Length > 0)
        {
            return wal.FullName;
        }

        foreach (var root in storageRoots)
        {
            foreach (var name in (ReadOnlySpan<string>)["blobs", "media", "uploads"])
            {
                var directory = Path.Combine(root, name);
                if (Directory.Exists(directory) && HoldsFiles(directory))
                {
                    return directory;
                }
            }
        }

        return null;
    }

    private static bool HoldsFiles(string directory)
    {
        var options = new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true, AttributesToSkip = 0 };
        foreach (var file in Directory.EnumerateFiles(directory, "*", options))
        {
            if (!Path.GetFileName(file).StartsWith('.'))
            {
                return true;
            }
        }

        return false;
    }
}
