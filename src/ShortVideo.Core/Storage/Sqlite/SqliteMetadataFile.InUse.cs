namespace ShortVideo.Storage.Sqlite;

public static partial class SqliteMetadataFile
{
    /// <summary>
    /// Throws a <see cref="MetadataDatabaseException"/> (<see cref="MetadataFileState.InUse"/>) when a node runs on
    /// <paramref name="dataDirectory"/> (it holds <c>shortvideo.db.lock</c>): a tool that fills the database offline
    /// (<c>svctl seed</c>) asks first and refuses, rather than write under a node whose caches would not see it.
    /// </summary>
    public static void ThrowIfInUse(string dataDirectory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(dataDirectory);
        var root = Path.GetFullPath(dataDirectory);
        using var held = DataDirectoryLock.TryAcquire(root, exclusive: true)
            ?? throw new MetadataDatabaseException(
                MetadataFileState.InUse,
                $"a node is running on {root} (it holds {DataDirectoryLock.FileName}); stop it first.");
    }
}
