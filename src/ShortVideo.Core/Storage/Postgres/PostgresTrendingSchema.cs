namespace ShortVideo.Storage.Postgres;

/// <summary>The PostgreSQL tables of trending minutes (versions 600-699).</summary>
internal static class PostgresTrendingSchema
{
    public static readonly PostgresMigration[] Migrations = [];
}
