namespace ShortVideo.Storage.Sqlite;

/// <summary>The outcome of checking a metadata database file: a state and a sentence saying what was found.</summary>
/// <param name="Path">The file that was checked.</param>
/// <param name="State">What was found.</param>
/// <param name="Sentence">One human sentence describing it (names the file; says what is wrong when something is).</param>
public sealed record MetadataFileReport(string Path, MetadataFileState State, string Sentence)
{
    /// <summary>PRAGMA user_version of the file, when it could be read.</summary>
    public int? SchemaVersion { get; init; }

    /// <summary>Number of video records, when they were counted.</summary>
    public long? Videos { get; init; }

    /// <summary>Size of the file in bytes (0 when it does not exist).</summary>
    public long SizeBytes { get; init; }

    /// <summary>True when a node can use the file as it is: <see cref="MetadataFileState.Ok"/>.</summary>
    public bool IsUsable => State == MetadataFileState.Ok;
}
