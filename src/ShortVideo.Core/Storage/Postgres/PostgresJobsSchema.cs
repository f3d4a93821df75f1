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

        // Jobs are keyed by (kind, key), not by user: one queue that every node's workers lease from. Times are unix
        // milliseconds of the node's clock, as in SQLite. due_at is when a queued job may start or a running job's
        // lease runs out, so one index scan in due order finds the job due the longest, skipping rows other nodes
        // hold locked (FOR UPDATE SKIP LOCKED) without locking any row it does not take.
        new(201, "jobs", """
            CREATE TABLE jobs (
                id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                kind             text NOT NULL,
                key              text NOT NULL,
                payload          text NULL,
                status           integer NOT NULL,
                attempts         integer NOT NULL,
                not_before       bigint NOT NULL,
                lease_owner      text NULL,
                lease_token      text NULL,
                lease_expires_at bigint NULL,
                last_error       text NULL,
                created_at       bigint NOT NULL,
                updated_at       bigint NOT NULL,
                due_at           bigint GENERATED ALWAYS AS (
                    CASE status WHEN 0 THEN not_before WHEN 1 THEN lease_expires_at END) STORED,
                UNIQUE (kind, key));
            CREATE INDEX jobs_due ON jobs (kind, due_at, id) WHERE due_at IS NOT NULL;
            CREATE INDEX jobs_by_lease_owner ON jobs (lease_owner) WHERE status = 1;
            """),
    ];
}
