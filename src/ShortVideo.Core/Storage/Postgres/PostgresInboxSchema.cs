namespace ShortVideo.Storage.Postgres;

/// <summary>The PostgreSQL tables of the Following feed's inboxes (versions 450-499 of the interactions range).</summary>
internal static class PostgresInboxSchema
{
    public static readonly PostgresMigration[] Migrations =
    [
        new(450, "following inboxes", """
            -- The Following feed's push side: a follower's inbox, newest first by (created_at, video_id) like a
            -- creator's list. Keyed by user_id first so inboxes can be sharded by user id (a video's removal then
            -- asks every shard). Times are Unix milliseconds; ids compare bytewise as in SQLite.
            CREATE TABLE following_inbox (
                user_id    text NOT NULL,
                created_at bigint NOT NULL,
                video_id   text COLLATE "C" NOT NULL,
                creator_id text NOT NULL,
                PRIMARY KEY (user_id, created_at, video_id)
            );
            CREATE INDEX following_inbox_by_video ON following_inbox (video_id);
            CREATE INDEX following_inbox_by_creator ON following_inbox (user_id, creator_id);
            -- When a follower's inbox was last known complete: one inactive past the active window missed pushes.
            CREATE TABLE following_inbox_state (
                user_id    text PRIMARY KEY,
                checked_at bigint NOT NULL
            );
            -- Creators whose videos followers pull at read time instead of receiving them.
            CREATE TABLE following_large_creators (
                creator_id text PRIMARY KEY
            );
            """),
    ];
}
