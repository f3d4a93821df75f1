namespace ShortVideo.Storage.Postgres;

/// <summary>The PostgreSQL tables of the job queue and the durable side of counters (versions 200-299).</summary>
internal static class PostgresJobsSchema
{
    public static readonly PostgresMigration[] Migrations = [];
}
