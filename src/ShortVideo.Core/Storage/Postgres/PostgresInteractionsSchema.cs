namespace ShortVideo.Storage.Postgres;

/// <summary>The PostgreSQL tables of interaction events, their effects and following inboxes (versions 400-499).</summary>
internal static class PostgresInteractionsSchema
{
    public static readonly PostgresMigration[] Migrations =
    [
        new(400, "likes, not interested, watch history, shares, client events", """
            -- Every table here grows with users: keyed by user id first so it can be sharded by user id later; the
            -- by-video indexes serve a deleted video's clean-up. Times are Unix milliseconds, as in SQLite.
            CREATE TABLE likes (
                user_id    text NOT NULL,
                video_id   text NOT NULL,
                created_at bigint NOT NULL,
                PRIMARY KEY (user_id, video_id));
            CREATE INDEX likes_by_video ON likes (video_id);
            CREATE TABLE not_interested (
                user_id    text NOT NULL,
                video_id   text NOT NULL,
                created_at bigint NOT NULL,
                PRIMARY KEY (user_id, video_id));
            CREATE INDEX not_interested_by_video ON not_interested (video_id);
            CREATE TABLE watch_history (
                user_id    text NOT NULL,
                video_id   text NOT NULL,
                watched_at bigint NOT NULL,
                watch_ms   bigint NOT NULL,
                completed  boolean NOT NULL,
                counted_at bigint NOT NULL,
                PRIMARY KEY (user_id, video_id));
            CREATE INDEX watch_history_recent ON watch_history (user_id, watched_at);
            CREATE INDEX watch_history_by_video ON watch_history (video_id);
            -- The latest counted share of a video by a user: a share counts again only an hour after it.
            CREATE TABLE shares (
                user_id    text NOT NULL,
                video_id   text NOT NULL,
                counted_at bigint NOT NULL,
                PRIMARY KEY (user_id, video_id));
            CREATE INDEX shares_by_video ON shares (video_id);
            -- Accepted client events, kept as long as a client may repeat one (ClientEvents.DeduplicationWindow).
            CREATE TABLE interaction_events (
                user_id         text NOT NULL,
                client_event_id text NOT NULL,
                type            integer NOT NULL,
                video_id        text NULL,
                target_user_id  text NULL,
                at              bigint NOT NULL,
                watch_ms        bigint NOT NULL,
                duration_ms     bigint NOT NULL,
                received_at     bigint NOT NULL,
                PRIMARY KEY (user_id, client_event_id));
            CREATE INDEX interaction_events_by_received ON interaction_events (received_at);
            """),
    ];
}
