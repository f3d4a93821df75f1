namespace ShortVideo.Storage.Sqlite;

/// <summary>
/// The metadata database cannot be used: a node refuses to start on it, a backup or restore refuses it. The message
/// is one sentence for an operator (what is wrong, and how to restore where that helps); it never needs a stack trace.
/// </summary>
public sealed class MetadataDatabaseException : IOException
{
    /// <summary>Creates the exception for a check's outcome.</summary>
    public MetadataDatabaseException(MetadataFileState state, string message)
        : base(message)
    {
        State = state;
    }

    /// <summary>Creates the exception with a cause (the SQLite or I/O error behind it).</summary>
    public MetadataDatabaseException(MetadataFileState state, string message, Exception innerException)
        : base(message, innerException)
    {
        State = state;
    }

    /// <summary>What was found.</summary>
    public MetadataFileState State { get; }
}
