namespace ShortVideo.Storage.Sqlite;

/// <summary>Schema migrations, applied in order; PRAGMA user_version records how many ran.</summary>
internal static class SqliteSchema
{
    public static readonly string[] Migrations =
    [
        """
        CREATE TABLE uploads (
            id            TEXT PRIMARY KEY,
            owner_id      TEXT NOT NULL,
            length        INTEGER NULL,
            offset        INTEGER NOT NULL,
            kind          INTEGER NOT NULL,
            raw_metadata  TEXT NULL,
            metadata_json TEXT NOT NULL,
            partial_ids   TEXT NOT NULL,
            created_at    INTEGER NOT NULL,
            expires_at    INTEGER NOT NULL,
            hash_state    BLOB NULL,
            store_state   TEXT NULL,
            sha256        TEXT NULL,
            video_id      TEXT NULL,
            completed_at  INTEGER NULL
        );
        CREATE INDEX uploads_by_expiry ON uploads (expires_at) WHERE completed_at IS NULL OR kind = 1;
        CREATE TABLE upload_tombstones (
            id         TEXT PRIMARY KEY,
            owner_id   TEXT NOT NULL,
            expired_at INTEGER NOT NULL
        );
        CREATE TABLE videos (
            id            TEXT PRIMARY KEY,
            creator_id    TEXT NOT NULL,
            status        INTEGER NOT NULL,
            sha256        TEXT NOT NULL,
            size_bytes    INTEGER NOT NULL,
            deduplicated  INTEGER NOT NULL,
            caption       TEXT NULL,
            file_name     TEXT NULL,
            content_type  TEXT NULL,
            error         TEXT NULL,
            duration_ms   INTEGER NULL,
            upload_id     TEXT NULL,
            created_at    INTEGER NOT NULL
        );
        CREATE INDEX videos_by_creator ON videos (creator_id, created_at);
        CREATE INDEX videos_by_sha256 ON videos (sha256);
        """,
        """
        ALTER TABLE uploads ADD COLUMN deduplicated INTEGER NULL;
        """,
        """
        CREATE TABLE jobs (
            id               INTEGER PRIMARY KEY,
            kind             TEXT NOT NULL,
            key              TEXT NOT NULL,
            payload          TEXT NULL,
            status           INTEGER NOT NULL,
            attempts         INTEGER NOT NULL,
            not_before       INTEGER NOT NULL,
            lease_owner      TEXT NULL,
            lease_token      TEXT NULL,
            lease_expires_at INTEGER NULL,
            last_error       TEXT NULL,
            created_at       INTEGER NOT NULL,
            updated_at       INTEGER NOT NULL,
            UNIQUE (kind, key)
        );
        CREATE INDEX jobs_runnable ON jobs (kind, status, not_before);
        CREATE INDEX jobs_by_lease_expiry ON jobs (kind, lease_expires_at) WHERE status = 1;
        """,
        """
        ALTER TABLE videos ADD COLUMN visibility INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE videos ADD COLUMN media_version TEXT NULL;
        ALTER TABLE videos ADD COLUMN thumbnails TEXT NULL;
        ALTER TABLE videos ADD COLUMN near_duplicate_of TEXT NULL;
        CREATE INDEX videos_by_status ON videos (status, created_at);
        """,
        """
        CREATE TABLE video_fingerprints (
            video_id TEXT PRIMARY KEY,
            frames   BLOB NOT NULL
        );
        -- One row per distinct LSH key of a video: band = (band number << 16) | 16-bit band of a frame hash.
        CREATE TABLE fingerprint_bands (
            band     INTEGER NOT NULL,
            video_id TEXT NOT NULL,
            PRIMARY KEY (band, video_id)
        ) WITHOUT ROWID;
        CREATE INDEX fingerprint_bands_by_video ON fingerprint_bands (video_id);
        """,
        """
        ALTER TABLE videos ADD COLUMN media_source_id TEXT NULL;
        """,
        """
        -- The uploads a user holds (unfinished, or finished partials), measured at every creation for the quotas.
        CREATE INDEX uploads_held_by_owner ON uploads (owner_id, expires_at) WHERE completed_at IS NULL OR kind = 1;
        """,
        """
        -- A creator's videos, newest first, paged by (created_at, id): the id makes the order total, so a page
        -- boundary inside one millisecond skips and repeats nothing. It covers what videos_by_creator did.
        CREATE INDEX videos_by_creator_newest ON videos (creator_id, created_at, id);
        DROP INDEX videos_by_creator;
        """,
        """
        -- Ready public videos, newest first, paged by (created_at, id): what the ranking engine loads at start and the
        -- feeds' "latest" source. (A partial index on (created_at, id) loses to videos_by_status in SQLite's planner.)
        CREATE INDEX videos_by_status_visibility_newest ON videos (status, visibility, created_at, id);
        """,
        """
        -- The Following feed's push side: a follower's inbox, newest first by (created_at, video_id) like a creator's list.
        CREATE TABLE following_inbox (
            user_id    TEXT NOT NULL,
            created_at INTEGER NOT NULL,
            video_id   TEXT NOT NULL,
            creator_id TEXT NOT NULL,
            PRIMARY KEY (user_id, created_at, video_id)
        ) WITHOUT ROWID;
        CREATE INDEX following_inbox_by_video ON following_inbox (video_id);
        CREATE INDEX following_inbox_by_creator ON following_inbox (user_id, creator_id);
        -- When a follower's inbox was last known complete: one inactive past the active window missed pushes.
        CREATE TABLE following_inbox_state (
            user_id    TEXT PRIMARY KEY,
            checked_at INTEGER NOT NULL
        ) WITHOUT ROWID;
        -- Creators whose videos followers pull at read time instead of receiving them.
        CREATE TABLE following_large_creators (
            creator_id TEXT PRIMARY KEY
        ) WITHOUT ROWID;
        """,
        """
        -- The social graph and interactions (issue 11). Times are Unix milliseconds.
        CREATE TABLE users (
            id              TEXT PRIMARY KEY,
            handle          TEXT NOT NULL COLLATE NOCASE UNIQUE,
            display_name    TEXT NOT NULL,
            bio             TEXT NOT NULL DEFAULT '',
            avatar_video_id TEXT NULL,
            created_at      INTEGER NOT NULL,
            last_active_at  INTEGER NOT NULL
        );
        CREATE INDEX users_by_avatar ON users (avatar_video_id) WHERE avatar_video_id IS NOT NULL;
        CREATE TABLE follows (
            follower_id TEXT NOT NULL,
            followee_id TEXT NOT NULL,
            created_at  INTEGER NOT NULL,
            PRIMARY KEY (follower_id, followee_id)
        ) WITHOUT ROWID;
        CREATE INDEX follows_by_followee ON follows (followee_id, follower_id);
        CREATE INDEX follows_newest ON follows (follower_id, created_at);
        CREATE TABLE blocks (
            blocker_id TEXT NOT NULL,
            blocked_id TEXT NOT NULL,
            created_at INTEGER NOT NULL,
            PRIMARY KEY (blocker_id, blocked_id)
        ) WITHOUT ROWID;
        CREATE INDEX blocks_by_blocked ON blocks (blocked_id, blocker_id);
        CREATE TABLE likes (
            user_id    TEXT NOT NULL,
            video_id   TEXT NOT NULL,
            created_at INTEGER NOT NULL,
            PRIMARY KEY (user_id, video_id)
        ) WITHOUT ROWID;
        CREATE INDEX likes_by_video ON likes (video_id);
        CREATE TABLE not_interested (
            user_id    TEXT NOT NULL,
            video_id   TEXT NOT NULL,
            created_at INTEGER NOT NULL,
            PRIMARY KEY (user_id, video_id)
        ) WITHOUT ROWID;
        CREATE INDEX not_interested_by_video ON not_interested (video_id);
        CREATE TABLE watch_history (
            user_id    TEXT NOT NULL,
            video_id   TEXT NOT NULL,
            watched_at INTEGER NOT NULL,
            watch_ms   INTEGER NOT NULL,
            completed  INTEGER NOT NULL,
            counted_at INTEGER NOT NULL,
            PRIMARY KEY (user_id, video_id)
        ) WITHOUT ROWID;
        CREATE INDEX watch_history_recent ON watch_history (user_id, watched_at);
        CREATE INDEX watch_history_by_video ON watch_history (video_id);
        -- The latest share of a video by a user: a share counts again only an hour after the last counted one.
        CREATE TABLE shares (
            user_id      TEXT NOT NULL,
            video_id     TEXT NOT NULL,
            counted_at   INTEGER NOT NULL,
            PRIMARY KEY (user_id, video_id)
        ) WITHOUT ROWID;
        CREATE INDEX shares_by_video ON shares (video_id);
        CREATE TABLE comments (
            id          TEXT PRIMARY KEY,
            video_id    TEXT NOT NULL,
            author_id   TEXT NOT NULL,
            parent_id   TEXT NULL,
            body        TEXT NOT NULL,
            created_at  INTEGER NOT NULL,
            reply_count INTEGER NOT NULL DEFAULT 0
        );
        CREATE INDEX comments_top_level ON comments (video_id, created_at, id) WHERE parent_id IS NULL;
        CREATE INDEX comments_replies ON comments (parent_id, created_at, id) WHERE parent_id IS NOT NULL;
        -- Accepted client events, kept as long as a client may repeat one (ClientEvents.DeduplicationWindow).
        CREATE TABLE interaction_events (
            user_id         TEXT NOT NULL,
            client_event_id TEXT NOT NULL,
            type            INTEGER NOT NULL,
            video_id        TEXT NULL,
            target_user_id  TEXT NULL,
            at              INTEGER NOT NULL,
            watch_ms        INTEGER NOT NULL,
            duration_ms     INTEGER NOT NULL,
            received_at     INTEGER NOT NULL,
            PRIMARY KEY (user_id, client_event_id)
        ) WITHOUT ROWID;
        CREATE INDEX interaction_events_by_received ON interaction_events (received_at);
        CREATE TABLE video_counters (
            video_id TEXT PRIMARY KEY,
            views    INTEGER NOT NULL DEFAULT 0,
            likes    INTEGER NOT NULL DEFAULT 0,
            comments INTEGER NOT NULL DEFAULT 0,
            shares   INTEGER NOT NULL DEFAULT 0
        ) WITHOUT ROWID;
        CREATE TABLE user_counters (
            user_id   TEXT PRIMARY KEY,
            followers INTEGER NOT NULL DEFAULT 0,
            following INTEGER NOT NULL DEFAULT 0,
            likes     INTEGER NOT NULL DEFAULT 0
        ) WITHOUT ROWID;
        -- Secrets of this deployment, made once with the database: the key that signs list cursors.
        CREATE TABLE node_secrets (
            name  TEXT PRIMARY KEY,
            value BLOB NOT NULL
        );
        INSERT INTO node_secrets (name, value) VALUES ('list-cursors', randomblob(32));
        """,
        """
        -- Search (issue 11): videos by caption words and hashtags, users by handle and name, hashtags by prefix.
        -- The full-text tables are contentless (the text lives in videos and users); their rowids are the doc keys of
        -- search_videos / search_users. Query words are expanded through the vocabularies (*_terms: completions;
        -- *_term_deletions: typo neighbours) before the full-text index is read.
        CREATE VIRTUAL TABLE search_video_text USING fts5(caption, tags, content = '', contentless_delete = 1,
            tokenize = "unicode61 remove_diacritics 0 categories 'L* N* Co M*' tokenchars '_'");
        CREATE TABLE search_videos (
            doc        INTEGER PRIMARY KEY,
            video_id   TEXT NOT NULL UNIQUE,
            creator_id TEXT NOT NULL,
            terms      TEXT NOT NULL,
            tags       TEXT NOT NULL
        );
        CREATE TABLE search_video_terms (term TEXT PRIMARY KEY, docs INTEGER NOT NULL) WITHOUT ROWID;
        CREATE TABLE search_video_term_deletions (deletion TEXT NOT NULL, term TEXT NOT NULL, PRIMARY KEY (deletion, term)) WITHOUT ROWID;
        CREATE TABLE search_video_tags (tag TEXT NOT NULL, doc INTEGER NOT NULL, PRIMARY KEY (tag, doc)) WITHOUT ROWID;
        CREATE TABLE search_hashtags (tag TEXT PRIMARY KEY, folded TEXT NOT NULL, videos INTEGER NOT NULL) WITHOUT ROWID;
        CREATE INDEX search_hashtags_by_folded ON search_hashtags (folded);
        CREATE VIRTUAL TABLE search_user_text USING fts5(handle, name, content = '', contentless_delete = 1,
            tokenize = "unicode61 remove_diacritics 0 categories 'L* N* Co M*' tokenchars '_'");
        CREATE TABLE search_users (
            doc          INTEGER PRIMARY KEY,
            user_id      TEXT NOT NULL UNIQUE,
            handle       TEXT NOT NULL,
            display_name TEXT NOT NULL,
            terms        TEXT NOT NULL
        );
        CREATE TABLE search_user_terms (term TEXT PRIMARY KEY, docs INTEGER NOT NULL) WITHOUT ROWID;
        CREATE TABLE search_user_term_deletions (deletion TEXT NOT NULL, term TEXT NOT NULL, PRIMARY KEY (deletion, term)) WITHOUT ROWID;
        -- Work a node does once after this upgrade: index the videos that were ready before search existed.
        CREATE TABLE search_pending (task TEXT PRIMARY KEY) WITHOUT ROWID;
        INSERT INTO search_pending (task) VALUES ('backfill-videos');
        -- Trending: interaction weight per video and minute, so a restart keeps the sliding windows.
        CREATE TABLE trending_minutes (
            minute       INTEGER NOT NULL,
            video_id     TEXT NOT NULL,
            interactions REAL NOT NULL,
            uploads      REAL NOT NULL,
            PRIMARY KEY (minute, video_id)
        ) WITHOUT ROWID;
        -- Ready videos newest first, paged by (created_at, id): the search backfill's scan.
        CREATE INDEX videos_by_status_newest ON videos (status, created_at, id);
        DROP INDEX videos_by_status;
        """,
        """
        -- Copies of the same bytes in upload order (media sharing, deletion) without sorting them all: every video
        -- svctl seed writes shares one clip's address, and a temp B-tree over a million of them took a second a read.
        CREATE INDEX videos_by_sha256_created ON videos (sha256, created_at, id);
        DROP INDEX videos_by_sha256;
        """,
    ];
}
