namespace ShortVideo.Storage.Postgres;

/// <summary>The PostgreSQL tables of the job queue and the durable side of counters (versions 200-299).</summary>
internal static class PostgresJobsSchema
{
    public static readonly PostgresMigration[] Migrations =
    [
        // Counters are keyed by the counted video or user alone, so they shard by that id later.
        new(200, "counters", """
            CREATE TABLE video_counters (
                video_id text PRIMARY KEY,
                views    bigint NOT NULL DEFAULT 0,
                likes    bigint NOT NULL DEFAULT 0,
                comments bigint NOT NULL DEFAULT 0,
                shares   bigint NOT NULL DEFAULT 0);
            CREATE TABLE user_counters (
                user_id   text PRIMARY KEY,
                followers bigint NOT NULL DEFAULT 0,
                following bigint NOT NULL DEFAULT 0,
                likes     bigint NOT NULL DEFAULT 0);
            """),
    ];
}
