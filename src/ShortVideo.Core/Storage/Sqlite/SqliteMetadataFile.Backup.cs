using Microsoft.Data.Sqlite;

namespace ShortVideo.Storage.Sqlite;

public static partial class SqliteMetadataFile
{
    // A checkpoint or WAL restart can make the source answer SQLITE_BUSY for an instant; a busy node still gets its
    // backup after a few tries.
    private const int SqliteBusy = 5;
    private const int BackupAttempts = 50;
    private static readonly TimeSpan BackupRetryDelay = TimeSpan.FromMilliseconds(100);

    /// <summary>
    /// Copies the data directory's database to <paramref name="destination"/> with SQLite's online backup API: a
    /// consistent snapshot (one read transaction) even while a node writes, as one self-contained file (no WAL beside
    /// it). The copy is checked before it takes the destination's name, and written beside it first, so a failed
    /// backup never leaves a partial file under that name.
    /// </summary>
    /// <returns>The check of the written backup (its videos counted).</returns>
    /// <exception cref="MetadataDatabaseException">There is no database, or it fails the checks (nothing is written).</exception>
    /// <exception cref="ArgumentException">The destination is the database itself or one of its files.</exception>
    /// <exception cref="IOException">The destination exists and <paramref name="overwrite"/> is false, or cannot be written.</exception>
    public static MetadataFileReport Backup(string dataDirectory, string destination, bool overwrite = false)
    {
        var source = PathIn(dataDirectory);
        ArgumentException.ThrowIfNullOrWhiteSpace(destination);
        destination = Path.GetFullPath(destination);
        if (!File.Exists(source))
        {
            throw new MetadataDatabaseException(MetadataFileState.Missing, $"There is no metadata database to back up: {source} does not exist.");
        }

        CheckDestination(source, destination, overwrite);
        var directory = Path.GetDirectoryName(destination)!;
        Directory.CreateDirectory(directory);
        var partial = Path.Combine(directory, $".{Path.GetFileName(destination)}.partial-{Guid.NewGuid():N}");
        try
        {
            try
            {
                using var from = SqliteFileInspector.Open(source, readOnly: false);
                CopyDatabase(from, partial);
            }
            catch (SqliteException failure)
            {
                var found = SqliteFileInspector.FromSqliteError(source, failure);
                throw new MetadataDatabaseException(found.State, $"Nothing was backed up: {found.Sentence}", failure);
            }

            var report = SqliteFileInspector.Inspect(partial, readOnly: true, countVideos: true);
            if (!report.IsUsable)
            {
                var finding = report.Sentence.Replace(partial, "the copy of " + source, StringComparison.Ordinal);
                throw new MetadataDatabaseException(report.State, $"Nothing was backed up to {destination}: {finding}");
            }

            File.Move(partial, destination, overwrite);
            return report with { Path = destination, Sentence = report.Sentence.Replace(partial, destination, StringComparison.Ordinal) };
        }
        finally
        {
            DeleteQuietly(partial);
        }
    }

    private static void CheckDestination(string source, string destination, bool overwrite)
    {
        // --force onto the live database (or its log, shared memory or lock) would replace it under a running node.
        if (destination.StartsWith(source, StringComparison.Ordinal) && destination[source.Length..] is "" or "-wal" or "-shm" or "-journal" or ".lock")
        {
            throw new ArgumentException($"{destination} is the metadata database itself (or one of its files); write the backup somewhere else.", nameof(destination));
        }

        if (Directory.Exists(destination))
        {
            throw new IOException($"{destination} is a directory; name the backup file, for example {Path.Combine(destination, FileName)}.");
        }

        if (File.Exists(destination) && !overwrite)
        {
            throw new IOException($"{destination} already exists; choose another name, or overwrite it on purpose (svctl backup --force).");
        }
    }

    /// <summary>
    /// Writes <paramref name="from"/>'s main database into a new file at <paramref name="path"/>: one backup step
    /// copies every page under a single read transaction (a consistent snapshot; writers go on meanwhile in WAL
    /// mode), then the copy leaves WAL mode so it is one file. The destination commits with synchronous=FULL
    /// (SQLite's default outside WAL): the copy is on disk when this returns.
    /// </summary>
    internal static void CopyDatabase(SqliteConnection from, string path)
    {
        using var to = SqliteFileInspector.Open(path, SqliteOpenMode.ReadWriteCreate);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                from.BackupDatabase(to);
                break;
            }
            catch (SqliteException busy) when (busy.SqliteErrorCode == SqliteBusy && attempt < BackupAttempts)
            {
                Thread.Sleep(BackupRetryDelay);
            }
        }

        using var command = to.CreateCommand();
        command.CommandText = "PRAGMA journal_mode = DELETE;";
        command.ExecuteNonQuery();
    }

    private static void DeleteQuietly(string path)
    {
        try
        {
            File.Delete(path);
            File.Delete(path + "-journal");
        }
        catch (Exception failure) when (failure is IOException or UnauthorizedAccessException)
        {
            // A leftover hidden partial file is harmless; the error that matters was already reported.
        }
    }
}
