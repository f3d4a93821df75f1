namespace ShortVideo.Storage.Postgres;

/// <summary>The PostgreSQL tables of uploads, the video catalog and the fingerprint index (versions 100-199).</summary>
internal static class PostgresCatalogSchema
{
    public static readonly PostgresMigration[] Migrations = [];
}
