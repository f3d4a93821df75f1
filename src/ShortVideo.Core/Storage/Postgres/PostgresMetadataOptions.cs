namespace ShortVideo.Storage.Postgres;

/// <summary>Where a scaled-out node keeps its metadata: one PostgreSQL database shared by every node (section <c>Metadata:Postgres</c>).</summary>
public sealed class PostgresMetadataOptions
{
    /// <summary>The configuration section these options bind from.</summary>
    public const string SectionName = "Metadata:Postgres";

    /// <summary>An Npgsql connection string, e.g. <c>Host=db;Port=5432;Username=shortvideo;Password=…;Database=shortvideo</c>.</summary>
    public string? ConnectionString { get; set; }
}
