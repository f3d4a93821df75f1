namespace ShortVideo.Storage.Sqlite;

/// <summary>What a check found in a metadata database file (<see cref="SqliteMetadataFile"/>).</summary>
public enum MetadataFileState
{
    /// <summary>A ShortVideo metadata database this version can use: SQLite header, quick_check and schema version pass.</summary>
    Ok,

    /// <summary>No database yet and no data beside it: a brand-new data directory, which a node initialises.</summary>
    New,

    /// <summary>The file does not exist where one is needed (a backup to restore, or a database whose data directory holds files).</summary>
    Missing,

    /// <summary>The file has no content (0 bytes, or a SQLite file without a single table).</summary>
    Empty,

    /// <summary>The file is not a SQLite database at all.</summary>
    NotDatabase,

    /// <summary>A SQLite database, but not one of ShortVideo's metadata.</summary>
    Foreign,

    /// <summary>A ShortVideo metadata database whose pages are damaged (quick_check fails, or SQLite calls it malformed).</summary>
    Damaged,

    /// <summary>Written by a newer version of ShortVideo: its schema version is above the one this version knows.</summary>
    Newer,

    /// <summary>The file could not be read (permissions, an I/O error).</summary>
    Unreadable,

    /// <summary>Another process holds the data directory: a node is running on it, or a restore is replacing its database.</summary>
    InUse,
}
