namespace ShortVideo.Storage.Postgres;

/// <summary>The PostgreSQL tables of search indexes and trending (versions 500-599).</summary>
internal static class PostgresSearchSchema
{
    public static readonly PostgresMigration[] Migrations = [];
}
