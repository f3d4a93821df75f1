using System.Text.Json.Nodes;
using ShortVideo.Storage.Sqlite;

namespace ShortVideo.Cli.Doctor.Checks;

/// <summary>
/// The data directory's metadata database, checked exactly as a node checks it before starting (SQLite header,
/// quick_check, schema version, missing while blobs or media remain). Safe while a node runs on it.
/// </summary>
internal sealed class MetadataDatabaseCheck(string dataDir, string? storageRoot, string? provider = null) : IDoctorCheck
{
    public string Name => "metadata";

    public Task<CheckResult> RunAsync(CancellationToken cancellationToken) => Task.FromResult(Run());

    private CheckResult Run()
    {
        if (string.Equals(provider, "Postgres", StringComparison.OrdinalIgnoreCase))
        {
            // A node on PostgreSQL never opens the data directory's SQLite file: checking it would report a database no node uses.
            return CheckResult.Skipped(Name, "Metadata:Provider is Postgres: the metadata lives in PostgreSQL (see the postgres row), not in shortvideo.db.");
        }

        var report = SqliteMetadataFile.CheckDataDirectory(dataDir, storageRoot);
        var facts = new JsonObject
        {
            ["path"] = report.Path,
            ["state"] = report.State.ToString(),
            ["schemaVersion"] = report.SchemaVersion,
            ["knownSchemaVersion"] = SqliteMetadataFile.SchemaVersion,
            ["videos"] = report.Videos,
        };
        return report.State is MetadataFileState.Ok or MetadataFileState.New
            ? CheckResult.Ok(Name, report.Sentence, facts)
            : CheckResult.Fail(Name, report.Sentence, facts);
    }
}
