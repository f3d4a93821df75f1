namespace ShortVideo.Storage.Postgres;

/// <summary>The PostgreSQL tables of users, the social graph and comments (versions 300-399).</summary>
internal static class PostgresSocialSchema
{
    public static readonly PostgresMigration[] Migrations =
    [
        new(300, "users, follows, blocks, comments", """
            -- Times are Unix milliseconds, as in SQLite. Users, follows and blocks are keyed by user id first so they
            -- can be sharded by user id later; comments live with their video.
            CREATE TABLE users (
                id              text PRIMARY KEY,
                handle          text NOT NULL,
                display_name    text NOT NULL,
                bio             text NOT NULL DEFAULT '',
                avatar_video_id text NULL,
                created_at      bigint NOT NULL,
                last_active_at  bigint NOT NULL);
            -- Handles are ASCII (ProfileRules), so lower() is SQLite's NOCASE.
            CREATE UNIQUE INDEX users_handle ON users (lower(handle));
            CREATE INDEX users_by_avatar ON users (avatar_video_id) WHERE avatar_video_id IS NOT NULL;
            CREATE TABLE follows (
                follower_id text NOT NULL,
                followee_id text NOT NULL,
                created_at  bigint NOT NULL,
                PRIMARY KEY (follower_id, followee_id));
            CREATE INDEX follows_by_followee ON follows (followee_id, follower_id);
            CREATE INDEX follows_newest ON follows (follower_id, created_at);
            CREATE TABLE blocks (
                blocker_id text NOT NULL,
                blocked_id text NOT NULL,
                created_at bigint NOT NULL,
                PRIMARY KEY (blocker_id, blocked_id));
            CREATE INDEX blocks_by_blocked ON blocks (blocked_id, blocker_id);
            CREATE TABLE comments (
                id          text PRIMARY KEY,
                video_id    text NOT NULL,
                author_id   text NOT NULL,
                parent_id   text NULL,
                body        text NOT NULL,
                created_at  bigint NOT NULL,
                reply_count bigint NOT NULL DEFAULT 0);
            CREATE INDEX comments_top_level ON comments (video_id, created_at, id) WHERE parent_id IS NULL;
            CREATE INDEX comments_replies ON comments (parent_id, created_at, id) WHERE parent_id IS NOT NULL;
            CREATE INDEX comments_by_video ON comments (video_id);
            """),
    ];
}
