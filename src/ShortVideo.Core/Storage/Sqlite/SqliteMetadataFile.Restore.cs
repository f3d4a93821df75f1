using System.Globalization;
using Microsoft.Data.Sqlite;

namespace ShortVideo.Storage.Sqlite;

public static partial class SqliteMetadataFile
{
    /// <summary>
    /// Replaces the data directory's database with the backup <paramref name="source"/>. Refuses a file that fails
    /// <see cref="Check"/> (not ours, damaged, newer schema) and a data directory a node is running on (it holds
    /// <c>shortvideo.db.lock</c>; see <see cref="MetadataFileState.InUse"/>). The backup is copied beside the database
    /// and checked first, then renamed over it in one step, so the database is always either the old one or the whole
    /// new one. The old database (and its write-ahead log) is kept as <c>shortvideo.db.replaced-{UTC time}</c>.
    /// </summary>
    /// <exception cref="MetadataDatabaseException">The backup is refused, or a node holds the data directory.</exception>
    /// <exception cref="IOException">The data directory cannot be written.</exception>
    public static MetadataRestoreResult Restore(string dataDirectory, string source)
    {
        var target = PathIn(dataDirectory);
        var root = Path.GetDirectoryName(target)!;
        ArgumentException.ThrowIfNullOrWhiteSpace(source);
        var backup = SqliteFileInspector.Inspect(source, readOnly: true, countVideos: false);
        if (!backup.IsUsable)
        {
            throw new MetadataDatabaseException(backup.State, $"Nothing was restored: {backup.Sentence}");
        }

        Directory.CreateDirectory(root);
        using var held = DataDirectoryLock.TryAcquire(root, exclusive: true)
            ?? throw new MetadataDatabaseException(
                MetadataFileState.InUse,
                $"Nothing was restored: a node is running on {root} (it holds {DataDirectoryLock.FileName}); stop it first, then restore.");

        var partial = Path.Combine(root, $".{FileName}.restore-{Guid.NewGuid():N}");
        try
        {
            try
            {
                using var from = SqliteFileInspector.Open(backup.Path, readOnly: true);
                CopyDatabase(from, partial);
            }
            catch (SqliteException failure)
            {
                var found = SqliteFileInspector.FromSqliteError(backup.Path, failure);
                throw new MetadataDatabaseException(found.State, $"Nothing was restored: {found.Sentence}", failure);
            }

            // Checked again as copied: the file could have changed since it was first checked.
            var restored = SqliteFileInspector.Inspect(partial, readOnly: true, countVideos: true);
            if (!restored.IsUsable)
            {
                throw new MetadataDatabaseException(restored.State, $"Nothing was restored: {restored.Sentence.Replace(partial, "the copy of " + backup.Path, StringComparison.Ordinal)}");
            }

            var replaced = SetAside(target);
            File.Move(partial, target, overwrite: true);
            return new MetadataRestoreResult(
                restored with { Path = target, Sentence = restored.Sentence.Replace(partial, target, StringComparison.Ordinal) },
                replaced);
        }
        finally
        {
            DeleteQuietly(partial);
        }
    }

    /// <summary>
    /// Keeps the current database as shortvideo.db.replaced-{time}: a copy of the file, and its write-ahead log moved
    /// beside that copy (where SQLite finds it when the copy is opened). The log must leave in any case: left in place,
    /// SQLite would replay the old database's last transactions onto the restored one. Null when there was none.
    /// </summary>
    private static string? SetAside(string target)
    {
        var wal = target + "-wal";
        if (!File.Exists(target) && !File.Exists(wal))
        {
            return null;
        }

        var stamp = TimeProvider.System.GetUtcNow().ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
        var aside = $"{target}.replaced-{stamp}";
        for (var n = 2; File.Exists(aside) || File.Exists(aside + "-wal"); n++)
        {
            aside = string.Create(CultureInfo.InvariantCulture, $"{target}.replaced-{stamp}-{n}");
        }

        if (File.Exists(target))
        {
            // A copy, not a rename: the database stays in place until the restored one replaces it in one rename.
            File.Copy(target, aside);
        }

        if (File.Exists(wal))
        {
            File.Move(wal, aside + "-wal");
        }

        File.Delete(target + "-shm");
        return File.Exists(aside) ? aside : aside + "-wal";
    }
}
