namespace ShortVideo.Storage.Sqlite;

/// <summary>What <see cref="SqliteMetadataFile.Restore"/> did.</summary>
/// <param name="Restored">The check of the database now in place (its videos counted).</param>
/// <param name="ReplacedPath">Where the database it replaced was kept (renamed aside, never deleted); null when there was none.</param>
public sealed record MetadataRestoreResult(MetadataFileReport Restored, string? ReplacedPath);
